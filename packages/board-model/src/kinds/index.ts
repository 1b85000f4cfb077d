import { laneKind, type LaneRef } from './lane-kind.ts';
import { sessionKind, type SessionRef } from './session-kind.ts';
import { structureKind, type StructureRef } from './structure-kind.ts';
import { talkKind, type TalkRef } from './talk-kind.ts';
import type { RoleAccess } from '../roles.ts';
import type { DocumentKind } from './document-kind.ts';

/**
 * Which document a name points to: a board's structure doc, one of its lane docs, its talk doc or
 * its session doc.
 */
export type DocRef = StructureRef | LaneRef | TalkRef | SessionRef;

/** Every kind of document a board has, by kind. The server and the page iterate over these. */
export const DOCUMENT_KINDS: { [K in DocRef['kind']]: DocumentKind<Extract<DocRef, { kind: K }>> } = {
  structure: structureKind,
  lane: laneKind,
  talk: talkKind,
  session: sessionKind,
};

const BY_PREFIX = new Map<string, DocumentKind<DocRef>>(
  Object.values(DOCUMENT_KINDS).map((kind) => [kind.prefix, kind as unknown as DocumentKind<DocRef>]),
);

/** The kind of the document `ref` points to. */
export function kindOf<R extends DocRef>(ref: R): DocumentKind<R> {
  return DOCUMENT_KINDS[ref.kind] as unknown as DocumentKind<R>;
}

/** The name of the document `ref` points to. */
export function docName(ref: DocRef): string {
  return kindOf(ref).docName(ref);
}

/**
 * What a document name points to, or `null` when the name is not one Journeyboard makes
 * (unknown prefix, wrong number of parts, or an invalid id).
 */
export function parseDocName(name: string): DocRef | null {
  if (typeof name !== 'string') return null;
  const parts = name.split(':');
  return BY_PREFIX.get(parts[0]!)?.parse(parts) ?? null;
}

/**
 * Whether `access` may write the document `ref`; `laneDepartment` is the department of the lane
 * it belongs to (see `DocumentKind.laneOf`; null when the lane does not exist or it has none).
 */
export function mayWriteDocument(access: RoleAccess, ref: DocRef, laneDepartment: string | null): boolean {
  return kindOf(ref).mayWrite(access, laneDepartment);
}
