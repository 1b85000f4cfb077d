import type { Attachment } from 'svelte/attachments';

/**
 * A native `<select>` whose change takes effect only when the person commits to a choice.
 *
 * Chromium (on Linux and Windows) changes a closed select's value, and fires `change`, on every
 * arrow key, Home, End, Page Up/Down and typed letter: a person stepping through the roles to read
 * them would make someone a viewer on the first ArrowDown. Here those steps only move the
 * selection; the choice takes effect on Enter, on leaving the control, or when it comes from
 * anything but a step (a click on an option in the open list, Enter or a click in the list).
 * Escape puts the select back to where the steps began. The select is never disabled or
 * replaced, so focus stays on it.
 *
 * The native element is kept (not a custom listbox) because it is what screen readers, mobile
 * pickers and the tests' `selectOption` already know.
 */
export interface CommittedSelectOptions {
  /** Called with the chosen value once the choice is committed, and only if it differs from where it began. */
  oncommit: (value: string, select: HTMLSelectElement) => void;
}

/** The keys with which a closed select steps to another option by itself. */
export function stepsOption(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false; // Alt+ArrowDown opens the list.
  if (STEP_KEYS.has(event.key)) return true;
  // Typing a letter jumps to the first option that starts with it. A space opens the list.
  return event.key.length === 1 && event.key !== ' ';
}
const STEP_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/**
 * What a select's events mean for its choice, apart from the DOM: `before` is the committed value
 * while keyboard steps are pending, `null` when nothing is pending.
 */
export class SelectChoice {
  #before: string | null = null;
  // Whether the latest key was a step: the `change` the browser fires next comes from it.
  #stepping = false;

  /** A key went down while the select showed `value`. Returns what to do, if anything. */
  keydown(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>, value: string): Outcome {
    if (stepsOption(event)) {
      this.#before ??= value;
      this.#stepping = true;
      return NOTHING;
    }
    this.#stepping = false;
    if (this.#before === null) return NOTHING;
    if (event.key === 'Enter') return { ...this.#settle(value), consumed: true };
    if (event.key === 'Escape') {
      const before = this.#before;
      this.#before = null;
      return { commit: null, revert: before, consumed: true };
    }
    return NOTHING;
  }

  /** A pointer went down on the select: whatever changes next was picked, not stepped to. */
  pointerdown(): void {
    this.#stepping = false;
  }

  /** The browser is done with a key: a `change` after this one was not stepped to by it. */
  keyDone(): void {
    this.#stepping = false;
  }

  /** The browser fired `change` with `value`. */
  change(value: string): Outcome {
    if (this.#stepping) {
      // The step's own change: the next one (a pick in the opened list) is a choice.
      this.#stepping = false;
      return NOTHING;
    }
    const before = this.#before;
    this.#before = null;
    return { commit: value === before ? null : value, revert: null, consumed: false };
  }

  /** Focus left the select while it showed `value`. */
  blur(value: string): Outcome {
    this.#stepping = false;
    return this.#before === null ? NOTHING : this.#settle(value);
  }

  /** Whether keyboard steps are waiting for Enter, blur or Escape. */
  get pending(): boolean {
    return this.#before !== null;
  }

  #settle(value: string): Outcome {
    const before = this.#before;
    this.#before = null;
    return { commit: value === before ? null : value, revert: null, consumed: false };
  }
}

/** What an event leads to: a value to commit, a value to put back, whether the key was used up. */
export interface Outcome {
  commit: string | null;
  revert: string | null;
  consumed: boolean;
}
const NOTHING: Outcome = { commit: null, revert: null, consumed: false };

/** An attachment (`{@attach committedSelect({ oncommit })}`) that gives a select this behaviour. */
export function committedSelect({ oncommit }: CommittedSelectOptions): Attachment<HTMLSelectElement> {
  return (select) => {
    const choice = new SelectChoice();
    const apply = (outcome: Outcome, event: Event) => {
      if (outcome.consumed) {
        // Enter would open the list and Escape would close the dialog around the select.
        event.preventDefault();
        event.stopPropagation();
      }
      if (outcome.revert !== null) select.value = outcome.revert;
      if (outcome.commit !== null) oncommit(outcome.commit, select);
    };
    const onkeydown = (event: KeyboardEvent) => {
      apply(choice.keydown(event, select.value), event);
      // A step fires its `change` while the key is handled; one that changed nothing fires none.
      setTimeout(() => choice.keyDone(), 0);
    };
    const onpointerdown = () => choice.pointerdown();
    const onchange = (event: Event) => apply(choice.change(select.value), event);
    const onblur = (event: Event) => apply(choice.blur(select.value), event);
    select.addEventListener('keydown', onkeydown);
    select.addEventListener('pointerdown', onpointerdown);
    select.addEventListener('change', onchange);
    select.addEventListener('blur', onblur);
    return () => {
      select.removeEventListener('keydown', onkeydown);
      select.removeEventListener('pointerdown', onpointerdown);
      select.removeEventListener('change', onchange);
      select.removeEventListener('blur', onblur);
    };
  };
}
