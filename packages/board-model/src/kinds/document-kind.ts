import * as Y from 'yjs';
import type { CardFacts } from '../card-authors.ts';
import type { RoleAccess } from '../roles.ts';
import type { DocumentWriter, UpdateRefusal } from './document-guard.ts';

/** An entry's value as plain data (a Y.Map entry as an object of its fields). */
export type EntryValue = string | number | boolean | null | { [field: string]: unknown } | unknown[];

/**
 * What the server knows beyond the document being checked, for the rules that need it: the card
 * records of the board, for a lane doc (see card-authors.ts). A check without it knows none.
 */
export interface CheckContext {
  cards?: CardFacts;
  /** What the board holds that a card names by id (its personas, departments, files). */
  references?: BoardReferences;
}

/** What a card names by id, held elsewhere on the board. */
export type ReferenceKind = 'persona' | 'department' | 'attachment';

/**
 * Whether the board has a persona, department or file of an id, for the rule that a card names
 * only those (when it names them anew: an id a card already held stays when its persona is
 * removed). A check without it does not look.
 */
export interface BoardReferences {
  has(kind: ReferenceKind, id: string): boolean;
}

/** How the entries under one top-level map of a document are checked. */
export interface RootRule {
  /** Most entries the map may hold. */
  maxEntries: number;
  /**
   * Most entries of the map one person may hold, with whose entry each is (`writerOf`, null for
   * nobody's): checked when a writer adds an entry, so that no one person fills `maxEntries` alone.
   */
  perWriter?: { maxEntries: number; writerOf(value: unknown): string | null };
  /** Whether `check` looks at an entry's previous value (kept as plain data beside the copy). */
  keepsPrevious: boolean;
  /**
   * What of an entry's value is kept as its previous value, when `keepsPrevious` (by default all of
   * it, as plain data): a rule that looks at a few fields keeps only those.
   */
  keep?(value: unknown): EntryValue;
  /**
   * Null when the change of `key` is one the kind allows, else why not. `before` is the previous
   * value (only when `keepsPrevious`, as `keep` made it; otherwise undefined), `after` the stored
   * value now (a Y.Map for an entry; undefined when removed).
   */
  check(
    key: string,
    before: EntryValue | undefined,
    after: unknown,
    writer: DocumentWriter,
    context: CheckContext,
  ): UpdateRefusal | null;
}

/** The shape the server enforces on every update of a kind: its root maps, and its size. */
export interface ContentRules {
  /** The document's only top-level types: root name → its rule. Writing anywhere else is refused. */
  roots: Record<string, RootRule>;
  /** The largest a document of the kind may grow to, in encoded bytes. */
  maxBytes: number;
}

/** Who opens a document, for `DocumentKind.mayOpen`: their user id (null for a watcher) and role. */
export interface OpenerAccess {
  userId: string | null;
  role: RoleAccess['role'];
}

/** What a document name points to, for one kind. */
export interface KindRef<K extends string> {
  kind: K;
  boardId: string;
}

/**
 * One kind of document: everything the server, the page and the tools need to know about it, in
 * one place. Adding a kind means adding one module that exports one of these, and its UI.
 */
export interface DocumentKind<R extends KindRef<string>> {
  kind: R['kind'];
  /** The first part of its document names (`<prefix>:<boardId>…`). */
  prefix: string;
  /** Its document name. */
  docName(ref: R): string;
  /** What `parts` (the name split at `:`, prefix first) point to, or null when not a name of it. */
  parse(parts: readonly string[]): R | null;
  /**
   * Whether `access` may write it. `laneDepartment` is the department of the lane the document
   * belongs to, for kinds that belong to a lane (see `laneOf`), else null.
   */
  mayWrite(access: RoleAccess, laneDepartment: string | null): boolean;
  /**
   * Whether `access` may open it at all, for a kind that not everyone on the board reads (a
   * person's own document); a kind without it is opened by everyone with a role on the board.
   */
  mayOpen?(access: OpenerAccess, ref: R): boolean;
  /** The lane the document belongs to, when it belongs to one: the lane must exist to open it. */
  laneOf(ref: R): string | null;
  /** Whether its connection carries the board's presence (awareness); elsewhere it is dropped. */
  carriesPresence: boolean;
  /** What the server checks on each update. */
  content: ContentRules;
  /**
   * Brings a document written by an older release up to the current schema, on the server, as it
   * is loaded. Throws when the document cannot be migrated (say, a newer release wrote it).
   */
  migrate?(doc: Y.Doc): { from: number; to: number; changed: boolean };
}

// ---- Helpers for the rules of each kind ----

/** Whether `value` is a Y.Map entry with exactly the fields `fields`. */
export function hasExactFields(value: unknown, fields: readonly string[]): value is Y.Map<unknown> {
  if (!(value instanceof Y.Map) || value.size !== fields.length) return false;
  return fields.every((field) => value.has(field));
}

export { isCleanText } from '../text.ts';

/** A rule for a map of entries of one shape, checked whole whenever an update touches one. */
export function entriesRule(
  maxEntries: number,
  isEntry: (key: string, value: Y.Map<unknown>) => boolean,
): RootRule {
  return {
    maxEntries,
    keepsPrevious: false,
    check(key, _before, after) {
      if (after === undefined) return null;
      return after instanceof Y.Map && isEntry(key, after) ? null : 'malformed-entry';
    },
  };
}
