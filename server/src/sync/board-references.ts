import {
  readBoard,
  type BoardReferences,
  type BoardStructure,
  type ReferenceKind,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';
import type { BoardStructureReader } from './board-structure.ts';

/** How long a card naming a persona or department the structure lacks waits for it to arrive. */
const STRUCTURE_WAIT_MS = 500;
/** How long a persona or department found missing after that wait is believed missing. */
const MISSING_FOR_MS = 10_000;
/** The most missing ids remembered at once. */
const MISSING_KEPT = 10_000;

/** Which of `ids` are files the server keeps for the board. */
export type AttachmentLookup = (boardId: string, ids: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * The personas, departments and files of the boards whose lane docs this instance checks, for the
 * lane kind's rule that a card names only those (`BoardReferences`). The rule asks synchronously,
 * so one judgement is two passes at most: the first answers from what is held here (the live
 * structure document, the files seen before); when it refused a card for naming something unknown,
 * `learn` looks again where it can be slow (the stored structure, or the live one a moment later,
 * as a persona added just before reaches it; the files in the store), and the update is judged again.
 */
export class BoardReferenceFacts {
  private readonly structure: BoardStructureReader;
  private readonly attachments: AttachmentLookup | null;
  /** Per board, the attachment ids known to exist (files are never renamed; a removed one may linger). */
  private readonly files = new Map<string, Set<string>>();
  /** `board:kind:id` of personas and departments found missing after a wait → until when it is believed. */
  private readonly missing = new Map<string, number>();

  constructor(options: { structure: BoardStructureReader; attachments?: AttachmentLookup }) {
    this.structure = options.structure;
    this.attachments = options.attachments ?? null;
  }

  /** A board's facts for one judgement. */
  judgement(boardId: string): ReferenceJudgement {
    return new ReferenceJudgement(boardId, this);
  }

  /** @internal */
  heldFiles(boardId: string): Set<string> {
    let held = this.files.get(boardId);
    if (!held) {
      held = new Set();
      this.files.set(boardId, held);
    }
    return held;
  }

  /** @internal Which of `ids` the store keeps for the board (an empty set without a lookup: none). */
  async lookUpFiles(boardId: string, ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (!this.attachments || ids.length === 0) return new Set();
    const found = await this.attachments(boardId, ids);
    for (const id of found) this.heldFiles(boardId).add(id);
    return found;
  }

  /** @internal Whether a persona or department was found missing a moment ago. */
  knownMissing(boardId: string, kind: ReferenceKind, id: string): boolean {
    const key = `${boardId}:${kind}:${id}`;
    const until = this.missing.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.missing.delete(key);
    return false;
  }

  /** @internal */
  rememberMissing(boardId: string, kind: ReferenceKind, id: string): void {
    // Bounded: a writer inventing ids fills it only while they are refused, and it forgets oldest first.
    if (this.missing.size >= MISSING_KEPT) this.missing.delete(this.missing.keys().next().value!);
    this.missing.set(`${boardId}:${kind}:${id}`, Date.now() + MISSING_FOR_MS);
  }

  /** @internal */
  liveStructure(boardId: string): Y.Doc | undefined {
    return this.structure.liveStructure(boardId);
  }

  /** @internal */
  storedStructure(boardId: string): Promise<BoardStructure | null> {
    return this.structure.withStructure(boardId, (doc) => {
      try {
        return readBoard(doc);
      } catch {
        return null;
      }
    });
  }

  /** The board has no lane doc loaded here any more. */
  forget(boardId: string): void {
    this.files.delete(boardId);
  }
}

/** How many times one update is looked at again for references it names that are not known here. */
const MAX_LOOKS = 3;

/** The references of one board as one update is judged: first what is held here, then a look again. */
export class ReferenceJudgement implements BoardReferences {
  private readonly boardId: string;
  private readonly facts: BoardReferenceFacts;
  /** The board's persona and department ids, read once per judgement (or per look again). */
  private structure: { persona: Set<string>; department: Set<string> } | null = null;
  /** What the rule asked and was told is not there, since the last look: `kind:id` → the reference. */
  private readonly asked = new Map<string, { kind: ReferenceKind; id: string }>();
  private looks = 0;

  constructor(boardId: string, facts: BoardReferenceFacts) {
    this.boardId = boardId;
    this.facts = facts;
  }

  has(kind: ReferenceKind, id: string): boolean {
    const known =
      kind === 'attachment' ? this.facts.heldFiles(this.boardId).has(id) : this.structureIds()[kind].has(id);
    if (!known) this.asked.set(`${kind}:${id}`, { kind, id });
    return known;
  }

  /**
   * Looks again for what the last pass did not find: the structure (the live one, a moment later, as
   * a persona added just before the card that names it reaches it; or the stored one) and the files
   * in the store. Returns true when the update should be judged again, false when there is nothing
   * new to look for (the refusal stands). A persona or department still missing after its wait is
   * remembered as missing for a while, so that a writer naming made-up ids holds up the lane's
   * other writers once, not at every try.
   */
  async learn(): Promise<boolean> {
    if (this.asked.size === 0 || this.looks >= MAX_LOOKS) return false;
    this.looks++;
    const asked = [...this.asked.values()];
    this.asked.clear();
    const inStructure = asked.filter((a) => a.kind !== 'attachment');
    const files = asked.filter((a) => a.kind === 'attachment').map((a) => a.id);
    const waitFor = inStructure.filter((a) => !this.facts.knownMissing(this.boardId, a.kind, a.id));
    if (waitFor.length === 0 && files.length === 0) return false;
    if (waitFor.length > 0) {
      const live = this.facts.liveStructure(this.boardId);
      const board = live
        ? await waitForStructure(live, (read) => waitFor.every((a) => holds(read, a.kind, a.id)))
        : await this.facts.storedStructure(this.boardId);
      this.structure = idsOf(board);
      for (const a of waitFor) {
        if (!this.structure[a.kind as 'persona' | 'department'].has(a.id)) {
          this.facts.rememberMissing(this.boardId, a.kind, a.id);
        }
      }
    }
    await this.facts.lookUpFiles(this.boardId, files);
    return true;
  }

  private structureIds(): { persona: Set<string>; department: Set<string> } {
    if (this.structure === null) {
      const live = this.facts.liveStructure(this.boardId);
      this.structure = idsOf(live ? readStructure(live) : null);
    }
    return this.structure;
  }
}

function idsOf(board: BoardStructure | null): { persona: Set<string>; department: Set<string> } {
  return {
    persona: new Set(board?.personas.map((persona) => persona.id) ?? []),
    department: new Set(board?.departments.map((department) => department.id) ?? []),
  };
}

function holds(board: BoardStructure, kind: ReferenceKind, id: string): boolean {
  return (kind === 'persona' ? board.personas : board.departments).some((item) => item.id === id);
}

function readStructure(doc: Y.Doc): BoardStructure | null {
  try {
    return readBoard(doc);
  } catch {
    return null;
  }
}

/**
 * The live structure once `done` says so of it, or as it is after `STRUCTURE_WAIT_MS`: a persona
 * added a moment before the card that names it reaches the live document once it is stored.
 */
function waitForStructure(
  live: Y.Doc,
  done: (board: BoardStructure) => boolean,
): Promise<BoardStructure | null> {
  const now = readStructure(live);
  if (now === null || done(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const check = (): void => {
      const board = readStructure(live);
      if (board !== null && done(board)) finish(board);
    };
    const finish = (board: BoardStructure | null): void => {
      clearTimeout(timer);
      live.off('update', check);
      resolve(board);
    };
    const timer = setTimeout(() => finish(readStructure(live)), STRUCTURE_WAIT_MS);
    live.on('update', check);
  });
}
