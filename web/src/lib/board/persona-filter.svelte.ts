import type { Persona } from '@journeyboard/board-model';
import { createContext } from 'svelte';
import {
  concerns,
  pointConcerns,
  selectedAmong,
  type PersonaPoint,
  type TaggedCard,
} from './persona-filter.ts';
import { rememberedText, rememberText } from './remembered.ts';

/**
 * The board's personas as the page shows them, and the one this person filters the board by:
 * their own choice (nobody else's page changes), remembered by this browser per board. A persona
 * removed since filters nothing.
 *
 * Board.svelte makes one and hands it down as a context; any part of the board reads it with
 * `getPersonaFilter()` (or `hasPersonaFilter()` first, where it may be rendered outside a board):
 * - `selected` / `selectedPersona`: the persona picked, or null (no filter);
 * - `concerns(card)`: whether a card stays (tagged with it, or untagged) or is dimmed;
 * - `pointConcerns(point)`: the same for an emotion point (`Card.persona`): the board's line and
 *   the selected persona's stay, other personas' points are dimmed;
 * - `personas` / `named(id)`: the board's personas, and one by id (undefined when it names none).
 */
export class PersonaFilter {
  #personas: () => readonly Persona[];
  #key: string;
  #stored = $state<string | null>(null);
  readonly personas: readonly Persona[] = $derived.by(() => this.#personas());
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- made anew when the personas change
  readonly #known: ReadonlySet<string> = $derived(new Set(this.personas.map((p) => p.id)));
  /** The persona the board is filtered by, or null. */
  readonly selected: string | null = $derived(selectedAmong(this.#stored, this.#known));
  readonly selectedPersona: Persona | null = $derived(
    this.personas.find((p) => p.id === this.selected) ?? null,
  );

  constructor(boardId: string, personas: () => readonly Persona[]) {
    this.#personas = personas;
    this.#key = `journeyboard.persona-filter.${boardId}`;
    this.#stored = rememberedText(this.#key);
  }

  /** Filters the board by `personaId`, or shows every card again (null). */
  select(personaId: string | null): void {
    this.#stored = personaId;
    rememberText(this.#key, personaId);
  }

  named(personaId: string): Persona | undefined {
    return this.personas.find((p) => p.id === personaId);
  }

  concerns(card: TaggedCard): boolean {
    return concerns(card, this.selected, this.#known);
  }

  pointConcerns(point: PersonaPoint): boolean {
    return pointConcerns(point, this.selected, this.#known);
  }
}

const [getFilter, setFilter, hasFilter] = createContext<PersonaFilter>();
/** The board's persona filter, set by Board.svelte for every component inside it. */
export const getPersonaFilter = getFilter;
export const setPersonaFilter = setFilter;
export const hasPersonaFilter = hasFilter;
