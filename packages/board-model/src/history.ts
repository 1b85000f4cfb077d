import * as Y from 'yjs';
import { personasMap } from './persona-record.ts';
import { cardsMap, commentsMap, departmentsMap, lanesMap, metaMap, stagesMap } from './schema.ts';

type StackItem = Y.UndoManager['undoStack'][number];

/** One change of one document: what its undo manager put on a stack for it. */
interface Entry {
  manager: Y.UndoManager;
  item: StackItem;
}

/**
 * One step of a person's history: every transaction one action made, in the order it made them,
 * across however many documents (a card moved between lanes writes two; removing a stage writes
 * the structure and each lane that had cards in it).
 */
type Step = Entry[];

/**
 * One person's undo history over the documents of a board.
 *
 * Yjs's `Y.UndoManager` works on one document, and tracks transactions by origin: each document
 * this page writes gets one, tracking only `origin` (which the page passes to every model
 * operation), so another person's edit, arriving from the server, is never undone here. This class
 * keeps the order across documents: each action run through `act` is one step, and `undo` /
 * `redo` replay a whole step, its documents in reverse order.
 *
 * A document's manager undoes exactly the stack item of the step (the way `y-utility`'s
 * multi-document manager does it): left to itself, `UndoManager.undo` would skip an item that
 * changes nothing any more (a card someone else deleted meanwhile) and undo an older one instead,
 * which belongs to another step. A step whose changes all came to nothing is skipped as a whole.
 */
export class BoardHistory {
  /** The origin of this person's transactions: pass it to every model operation. */
  readonly origin: object;
  private readonly managers = new Map<Y.Doc, Y.UndoManager>();
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  /** The step being recorded: by `act`, or by a replay (then `replaying` is set). */
  private recording: Step | null = null;
  private replaying = false;
  private readonly listeners = new Set<() => void>();

  constructor(origin: object = { history: 'board' }) {
    this.origin = origin;
  }

  /**
   * Tracks this person's changes of `doc` within `scope` (its top-level types). Tracking a
   * document twice changes nothing. A destroyed document leaves the history on its own.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what Y.UndoManager takes
  track(doc: Y.Doc, scope: Y.AbstractType<any>[]): void {
    if (this.managers.has(doc)) return;
    const manager = new Y.UndoManager(scope, {
      trackedOrigins: new Set([this.origin]),
      // Each transaction its own stack item: steps, not time, group changes here.
      captureTimeout: 0,
    });
    manager.on('stack-item-added', ({ stackItem }) => this.added(manager, stackItem));
    this.managers.set(doc, manager);
    doc.once('destroy', () => this.untrack(doc));
  }

  /** Tracks a board's structure document: its title, stages, lanes, departments and personas. */
  trackStructure(doc: Y.Doc): void {
    this.track(doc, [metaMap(doc), stagesMap(doc), lanesMap(doc), departmentsMap(doc), personasMap(doc)]);
  }

  /** Tracks a lane document's cards. */
  trackLane(doc: Y.Doc): void {
    this.track(doc, [cardsMap(doc)]);
  }

  /** Tracks the talk document's comments. */
  trackTalk(doc: Y.Doc): void {
    this.track(doc, [commentsMap(doc)]);
  }

  /**
   * Forgets `doc`'s changes (the page dropped its copy: a refused change, a removed lane), and with
   * them every step that wrote to it: half a step undone would not be the person's action undone
   * (the half of a move between lanes that is left would delete the card).
   */
  untrack(doc: Y.Doc): void {
    const manager = this.managers.get(doc);
    if (!manager) return;
    this.managers.delete(doc);
    manager.destroy();
    const keep = (steps: Step[]) => steps.filter((step) => step.every((entry) => entry.manager !== manager));
    this.undoSteps = keep(this.undoSteps);
    this.redoSteps = keep(this.redoSteps);
    this.notify();
  }

  /** Forgets every step (this person's rights changed: what they did may no longer be theirs to undo). */
  clear(): void {
    for (const manager of this.managers.values()) manager.clear();
    this.undoSteps = [];
    this.redoSteps = [];
    this.notify();
  }

  /**
   * Runs `change` as one step: whatever it writes, in any number of documents, is undone at once.
   * Returns what `change` returns; a change that throws keeps what it wrote before throwing as
   * a step of its own, so that it too can be undone.
   */
  act<T>(change: () => T): T {
    if (this.recording) return change();
    const step: Step = [];
    this.recording = step;
    try {
      return change();
    } finally {
      this.recording = null;
      if (step.length > 0) this.record(step);
    }
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  /**
   * The step `undo` would undo now, as an identity to compare (e.g. an Undo button in a toast that
   * undoes one particular removal, and only while nothing was done after it); null when none.
   */
  get latest(): object | null {
    return this.undoSteps.at(-1) ?? null;
  }

  /** Undoes this person's latest step; returns whether anything changed. */
  undo(): boolean {
    return this.replay(this.undoSteps, this.redoSteps, 'undo');
  }

  /** Redoes the step undone last; returns whether anything changed. */
  redo(): boolean {
    return this.replay(this.redoSteps, this.undoSteps, 'redo');
  }

  /** Calls `listener` whenever what can be undone or redone changes; returns a function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const manager of this.managers.values()) manager.destroy();
    this.managers.clear();
    this.undoSteps = [];
    this.redoSteps = [];
    this.listeners.clear();
  }

  private added(manager: Y.UndoManager, item: StackItem): void {
    const entry = { manager, item };
    if (this.recording) this.recording.push(entry);
    else this.record([entry]);
  }

  /** A new step of this person's own: what was undone can no longer be redone. */
  private record(step: Step): void {
    this.undoSteps.push(step);
    if (this.redoSteps.length > 0) {
      this.redoSteps = [];
      for (const manager of this.managers.values()) manager.clear(false, true);
    }
    this.notify();
  }

  private replay(from: Step[], to: Step[], kind: 'undo' | 'redo'): boolean {
    while (from.length > 0) {
      const step = from.pop()!;
      const done: Step = [];
      this.recording = done;
      this.replaying = true;
      try {
        for (const entry of [...step].reverse()) replayOne(entry, kind);
      } finally {
        this.recording = null;
        this.replaying = false;
      }
      if (done.length > 0) {
        to.push(done);
        this.notify();
        return true;
      }
    }
    this.notify();
    return false;
  }

  private notify(): void {
    if (this.replaying) return;
    for (const listener of this.listeners) listener();
  }
}

/** Undoes (or redoes) exactly `entry.item` in its document, leaving the manager's other items. */
function replayOne({ manager, item }: Entry, kind: 'undo' | 'redo'): void {
  const stack = kind === 'undo' ? manager.undoStack : manager.redoStack;
  const at = stack.indexOf(item);
  if (at === -1) return;
  stack.splice(at, 1);
  if (kind === 'undo') {
    manager.undoStack = [item];
    manager.undo();
    manager.undoStack = stack;
  } else {
    manager.redoStack = [item];
    manager.redo();
    manager.redoStack = stack;
  }
}
