import {
  readBoard,
  type BoardReferences,
  type BoardStructure,
  type ReferenceKind,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';
import type { BoardStructureReader } from './board-structure.ts';

/** How long a card naming a persona or department the structure lacks waits for it to arrive. */
const STRUCTURE_WAIT_MS = 1_000;

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

  /** A board was deleted, or has no lane doc loaded here any more. */
  forget(boardId: string): void {
    this.files.delete(boardId);
  }
}

/** The references of one board as one update is judged: a first answer, then a second look. */
export class ReferenceJudgement implements BoardReferences {
  private readonly boardId: string;
  private readonly facts: BoardReferenceFacts;
  /** What the second look found; null until it has looked. */
  private learnt: { personas: Set<string>; departments: Set<string>; files: Set<string> } | null = null;
  private readonly asked: { kind: ReferenceKind; id: string }[] = [];

  constructor(boardId: string, facts: BoardReferenceFacts) {
    this.boardId = boardId;
    this.facts = facts;
  }

  has(kind: ReferenceKind, id: string): boolean {
    const known = this.learnt ? this.inLearnt(kind, id) : this.heldHas(kind, id);
    if (!known) this.asked.push({ kind, id });
    return known;
  }

  /**
   * Looks again for what the first pass did not find. Returns false when there is nothing to look
   * for (the refusal stands as it is), true when the update should be judged again.
   */
  async learn(): Promise<boolean> {
    if (this.learnt || this.asked.length === 0) return false;
    const wanted = (kind: ReferenceKind) => this.asked.filter((a) => a.kind === kind).map((a) => a.id);
    const inStructure = [
      ...wanted('persona').map((id) => `persona:${id}`),
      ...wanted('department').map((id) => `department:${id}`),
    ];
    let structure: BoardStructure | null = null;
    if (inStructure.length > 0) {
      const live = this.facts.liveStructure(this.boardId);
      structure = live
        ? await waitForStructure(live, (board) => inStructure.every((name) => hasName(board, name)))
        : await this.facts.storedStructure(this.boardId);
    }
    const files = await this.facts.lookUpFiles(this.boardId, wanted('attachment'));
    this.learnt = {
      personas: new Set(structure?.personas.map((persona) => persona.id) ?? []),
      departments: new Set(structure?.departments.map((department) => department.id) ?? []),
      files: new Set(files),
    };
    this.asked.length = 0;
    return true;
  }

  private heldHas(kind: ReferenceKind, id: string): boolean {
    if (kind === 'attachment') return this.facts.heldFiles(this.boardId).has(id);
    const live = this.facts.liveStructure(this.boardId);
    if (!live) return false;
    const board = readStructure(live);
    return board !== null && hasName(board, `${kind}:${id}`);
  }

  private inLearnt(kind: ReferenceKind, id: string): boolean {
    const learnt = this.learnt!;
    if (kind === 'attachment') return learnt.files.has(id) || this.facts.heldFiles(this.boardId).has(id);
    return (kind === 'persona' ? learnt.personas : learnt.departments).has(id);
  }
}

function readStructure(doc: Y.Doc): BoardStructure | null {
  try {
    return readBoard(doc);
  } catch {
    return null;
  }
}

function hasName(board: BoardStructure, name: string): boolean {
  const at = name.indexOf(':');
  const [kind, id] = [name.slice(0, at), name.slice(at + 1)];
  const list = kind === 'persona' ? board.personas : board.departments;
  return list.some((item) => item.id === id);
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
