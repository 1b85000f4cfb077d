import * as Y from 'yjs';
import type { Role } from '../roles.ts';
import type { CheckContext, ContentRules, EntryValue, RootRule } from './document-kind.ts';

// Within one document Yjs cannot tell one writer's entries from another's, nor refuse part of an
// update, so the server checks what an update would do before it stores it: it applies the update
// to a copy of the live document and checks every entry the update touched, and the document's
// size and counts, against the kind's rules.
//
// The copy is the *accepted* state: it takes each accepted update ahead of the live document (which
// gets it only once it is stored), and follows everything the live document receives from
// elsewhere (another instance, the server's own writes). So two updates racing on two connections
// are checked one after the other, the second against what the first did, even while the first is
// still being stored: checking against the live document instead let an author's edit of a comment
// they had added a moment before, on another socket, pass as a new comment.

/** Who sends an update, as the server knows them (never as the client claims). */
export interface DocumentWriter {
  /** Null for a watcher (who never writes). */
  userId: string | null;
  /** The writer's display name, as their account or guest entry holds it. */
  displayName: string;
  role: Role;
  /** The department of a lead or participant; null for the others. */
  departmentId: string | null;
  /** Joined by a share link, without an account. */
  guest: boolean;
}

/**
 * Why an update is refused:
 * - `unreadable`: not a Yjs update;
 * - `incomplete`: it depends on changes the document does not hold, so what it does is unknown;
 * - `not-in-schema`: it writes where the kind has nothing (another root, a nested type);
 * - `malformed-entry`: an entry it writes is not of the kind's shape (type, length, fields);
 * - `too-many-entries`: a map would hold more entries than the kind allows;
 * - `too-large`: the document would grow past the kind's size;
 * - `not-your-name`: a comment under another person's id or name;
 * - `not-your-comment`: the removal of another person's comment by someone who does not moderate;
 * - `comment-altered`: a change of a comment's fixed fields (card, lane, author, time, thread), or of
 *   its text or mentions by anyone but its author or without a new `editedAt`;
 * - `unknown-parent`: a reply to a comment that is not a root of the same card;
 * - `not-your-thread`: a thread resolved or reopened by someone who neither wrote its root nor runs
 *   the board, or resolved under another person's id;
 * - `not-your-reaction`: a reaction given, or taken back, under another person's id or name;
 * - `wrong-card-author`: a card under an author it does not have: a new card under anyone but the
 *   writer, a card written before under anyone but its first writer, or another person's card taken
 *   from a lane the writer may not write (card-authors.ts);
 * - `unknown-reference`: a card naming, anew, a persona, department or file the board does not have.
 */
export type UpdateRefusal =
  | 'unreadable'
  | 'incomplete'
  | 'not-in-schema'
  | 'malformed-entry'
  | 'too-many-entries'
  | 'too-large'
  | 'not-your-name'
  | 'not-your-comment'
  | 'comment-altered'
  | 'unknown-parent'
  | 'not-your-thread'
  | 'not-your-reaction'
  | 'wrong-card-author'
  | 'unknown-reference';

/** What one transaction on the copy did, by root and key. */
interface Effect {
  /** root → key → the entry's value before (undefined when absent), for roots that keep it. */
  touched: Map<string, Map<string, EntryValue | undefined>>;
  /** It wrote under a root the kind does not have, or not under a key of a root map. */
  elsewhere: boolean;
  /** It inserted content (not only deletions, which never make a document too large). */
  inserted: boolean;
}

/**
 * Checks the updates of one live document against its kind's rules. One per live document on the
 * server; `destroy` when the document is unloaded.
 */
export class DocumentGuard {
  private readonly doc: Y.Doc;
  private readonly rules: ContentRules;
  private copy: Y.Doc | null = null;
  /** For roots whose rules look at the previous value: key → value as JSON, as the copy holds it. */
  private previous = new Map<string, Map<string, EntryValue>>();
  /** An upper bound of the copy's encoded size: exact when made, plus each change's update. */
  private bytes = 0;
  private lastEffect: Effect | null = null;
  /**
   * Updates accepted but perhaps not yet in the live document (they are being stored). A copy made
   * again after a refusal takes them too, or it would forget what it had already let through.
   */
  private accepted: Uint8Array[] = [];

  private readonly follow = (update: Uint8Array): void => {
    if (this.copy === null) return;
    try {
      Y.applyUpdate(this.copy, update);
    } catch {
      this.drop();
      return;
    }
    // The copy holds all the document holds, so nothing the document integrates can wait in it;
    // if it ever does, start again rather than check against a copy that differs.
    if (this.copy.store.pendingStructs !== null || this.copy.store.pendingDs !== null) this.drop();
    else if (this.accepted.length > 0 && sameStateVector(this.doc, this.copy)) this.accepted = [];
  };

  constructor(doc: Y.Doc, rules: ContentRules) {
    this.doc = doc;
    this.rules = rules;
    doc.on('update', this.follow);
  }

  /**
   * Whether `writer` may apply `update` to the document: null when they may, else why not.
   * `context` is what the server knows beyond the document (the board's card records).
   */
  check(update: Uint8Array, writer: DocumentWriter, context: CheckContext = {}): UpdateRefusal | null {
    // Whoever opens a document sends what they hold that the server lacks: nothing from a fresh
    // page, only its delete set from one that holds the document already. Such an update changes
    // nothing, and asks no copy: making the first one (the whole document encoded and read again)
    // would be most of what opening a large document costs the server.
    if (this.copy === null && this.changesNothing(update)) return null;
    const refusal = this.effectOf(update, writer, context);
    // After a refusal the copy holds what was refused: it is made again, from what was accepted.
    if (refusal === null) this.keepAccepted(update);
    else this.drop();
    return refusal;
  }

  /**
   * Forgets an update `check` accepted that the server then refused after all (the facts its
   * check relied on turned out stale): the copy is made again without it. Call it before checking
   * anything else, and only for an update that is not in the document.
   */
  retract(update: Uint8Array): void {
    this.accepted = this.accepted.filter((accepted) => accepted !== update);
    this.drop();
  }

  /** Checks `update` against `doc` once, with no guard kept (tools and tests). */
  static checkOnce(
    doc: Y.Doc,
    rules: ContentRules,
    update: Uint8Array,
    writer: DocumentWriter,
    context: CheckContext = {},
  ): UpdateRefusal | null {
    const guard = new DocumentGuard(doc, rules);
    try {
      return guard.check(update, writer, context);
    } finally {
      guard.destroy();
    }
  }

  /** Whether the guard holds its copy of the document (made by the first update that changes it). */
  get hasCopy(): boolean {
    return this.copy !== null;
  }

  destroy(): void {
    this.doc.off('update', this.follow);
    this.drop();
    this.accepted = [];
  }

  /**
   * Whether the live document already holds every insertion and every deletion of `update`: then
   * applying it changes nothing, whoever sends it. An unreadable update is not held: `check` says
   * why. (The copy holds the live document and more, so it would hold such an update too.)
   */
  private changesNothing(update: Uint8Array): boolean {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(this.doc), update);
    } catch {
      return false;
    }
  }

  private keepAccepted(update: Uint8Array): void {
    this.accepted.push(update);
    // On a busy document the two may seldom be level: forget what the document already holds. An
    // update that was accepted and never stored (storage failed) stays in the copy, which is
    // harmless: its author sends it again.
    if (this.accepted.length > 64) this.accepted = this.accepted.filter((u) => !this.holds(u));
    if (this.accepted.length > 1024) this.accepted = [];
  }

  /** Whether the live document holds every insertion of `update`. */
  private holds(update: Uint8Array): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
      if (Y.getState(this.doc.store, client) < clock) return false;
    }
    return true;
  }

  private effectOf(update: Uint8Array, writer: DocumentWriter, context: CheckContext): UpdateRefusal | null {
    const copy = this.copyOf();
    this.lastEffect = null;
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return 'unreadable';
    }
    if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) return 'incomplete';
    const effect = this.lastEffect as Effect | null;
    // An update that changes nothing (a reconnecting client's whole state) makes no transaction.
    if (effect === null) return null;
    if (effect.elsewhere) return 'not-in-schema';
    for (const [rootName, keys] of effect.touched) {
      const root = this.rules.roots[rootName]!;
      const map = copy.getMap(rootName);
      let grew = false;
      for (const [key, before] of keys) {
        const value: unknown = map.get(key);
        if (before === undefined && value !== undefined) grew = true;
        const refusal = root.check(key, before, value, writer, context);
        if (refusal !== null) return refusal;
      }
      if (grew && map.size > root.maxEntries) return 'too-many-entries';
      if (grew && root.perWriter && writer.userId !== null) {
        const { maxEntries, writerOf } = root.perWriter;
        let own = 0;
        for (const value of map.values()) if (writerOf(value) === writer.userId) own++;
        if (own > maxEntries) return 'too-many-entries';
      }
    }
    if (effect.inserted && this.bytes > this.rules.maxBytes) {
      this.bytes = Y.encodeStateAsUpdate(copy).length;
      if (this.bytes > this.rules.maxBytes) return 'too-large';
    }
    return null;
  }

  private copyOf(): Y.Doc {
    if (this.copy !== null) return this.copy;
    const copy = new Y.Doc({ guid: 'document-check' });
    const state = Y.encodeStateAsUpdate(this.doc);
    Y.applyUpdate(copy, state);
    for (const update of this.accepted) Y.applyUpdate(copy, update);
    this.bytes = state.length + this.accepted.reduce((sum, u) => sum + u.length, 0);
    this.previous = new Map();
    for (const [name, root] of Object.entries(this.rules.roots)) {
      if (!root.keepsPrevious) continue;
      const values = new Map<string, EntryValue>();
      copy.getMap(name).forEach((value, key) => values.set(key, kept(root, value)));
      this.previous.set(name, values);
    }
    copy.on('update', (change: Uint8Array) => {
      this.bytes += change.length;
    });
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      this.lastEffect = this.record(copy, transaction);
    });
    this.copy = copy;
    return copy;
  }

  /** What `transaction` touched, with the previous values, which it then brings up to date. */
  private record(copy: Y.Doc, transaction: Y.Transaction): Effect | null {
    if (transaction.changed.size === 0) return null;
    const effect: Effect = { touched: new Map(), elsewhere: false, inserted: false };
    for (const [client, clock] of transaction.afterState) {
      if ((transaction.beforeState.get(client) ?? 0) < clock) effect.inserted = true;
    }
    const rootNames = new Map<unknown, string>();
    for (const name of Object.keys(this.rules.roots)) rootNames.set(copy.share.get(name), name);
    const touch = (rootName: string, key: string): void => {
      let keys = effect.touched.get(rootName);
      if (!keys) effect.touched.set(rootName, (keys = new Map()));
      if (!keys.has(key)) keys.set(key, this.previous.get(rootName)?.get(key));
    };
    for (const [type, keys] of transaction.changed) {
      const rootName = rootNames.get(type);
      if (rootName !== undefined) {
        for (const key of keys) {
          if (key === null) effect.elsewhere = true;
          else touch(rootName, key);
        }
        continue;
      }
      // A type nested in an entry: the change is one of that entry, found by walking up to a root.
      let item = type._item;
      while (item !== null && !rootNames.has(item.parent)) {
        item = (item.parent as Y.AbstractType<unknown>)._item;
      }
      if (item !== null && typeof item.parentSub === 'string') {
        touch(rootNames.get(item.parent)!, item.parentSub);
      } else {
        effect.elsewhere = true;
      }
    }
    for (const [rootName, keys] of effect.touched) {
      const values = this.previous.get(rootName);
      if (!values) continue;
      const root = this.rules.roots[rootName]!;
      const map = copy.getMap(rootName);
      for (const key of keys.keys()) {
        const value: unknown = map.get(key);
        if (value === undefined) values.delete(key);
        else values.set(key, kept(root, value));
      }
    }
    return effect;
  }

  private drop(): void {
    this.copy?.destroy();
    this.copy = null;
    this.lastEffect = null;
  }
}

/** What `root` keeps of a stored value as its previous value. */
function kept(root: RootRule, value: unknown): EntryValue {
  return root.keep ? root.keep(value) : jsonOf(value);
}

/** A stored value as plain data: a Y.Map entry becomes an object of its fields. */
function jsonOf(value: unknown): EntryValue {
  return value instanceof Y.AbstractType ? (value.toJSON() as EntryValue) : (value as EntryValue);
}

function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.encodeStateVector(a);
  const right = Y.encodeStateVector(b);
  return left.length === right.length && left.every((byte, i) => byte === right[i]);
}
