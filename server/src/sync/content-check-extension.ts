import type { afterUnloadDocumentPayload, beforeSyncPayload, Extension } from '@hocuspocus/server';
import { DocumentGuard, kindOf, parseDocName, type UpdateRefusal } from '@journeyboard/board-model';
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { ConnectionContext } from './access-extension.ts';
import {
  CommentRefused,
  ContentRefused,
  DocumentFull,
  MalformedMessage,
  type CloseReason,
} from './close-reasons.ts';

/** The reason a connection is closed with, for each refusal of the content check. */
const CLOSE_FOR: Record<UpdateRefusal, CloseReason> = {
  unreadable: MalformedMessage,
  incomplete: ContentRefused,
  'not-in-schema': ContentRefused,
  'malformed-entry': ContentRefused,
  'too-many-entries': DocumentFull,
  'too-large': DocumentFull,
  'not-your-name': CommentRefused,
  'not-your-comment': CommentRefused,
  'comment-altered': CommentRefused,
};

/**
 * Checks every update a client writes against its document kind's content rules (the board
 * model's `DocumentGuard`, one per live document): the shape of every entry it touches, the counts,
 * the document's size, and for comments who wrote them. A refused update is neither stored nor
 * applied; that document's connection is closed with the reason, the socket and its other
 * documents stay open.
 */
export class ContentCheckExtension implements Extension {
  extensionName = 'journeyboard-content-check';
  private readonly log: Logger;
  private readonly guards = new Map<string, { document: Y.Doc; guard: DocumentGuard }>();

  constructor(options: { log: Logger }) {
    this.log = options.log;
  }

  async beforeSync({ type, payload, documentName, document, connection }: beforeSyncPayload): Promise<void> {
    if (type !== messageYjsUpdate && type !== messageYjsSyncStep2) return;
    if (connection.readOnly) return;
    const { access } = connection.context as ConnectionContext;
    const refusal = this.guardOf(documentName, document).check(payload, {
      userId: access.userId,
      displayName: access.displayName,
      role: access.role,
      guest: access.guest,
    });
    if (refusal === null) return;
    this.log.warn(
      { documentName, socketId: connection.socketId, userId: access.userId, refusal, bytes: payload.length },
      'refused an update that does not fit its document',
    );
    throw CLOSE_FOR[refusal];
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.guards.get(documentName)?.guard.destroy();
    this.guards.delete(documentName);
  }

  private guardOf(documentName: string, document: Y.Doc): DocumentGuard {
    const held = this.guards.get(documentName);
    if (held?.document === document) return held.guard;
    held?.guard.destroy();
    const ref = parseDocName(documentName);
    if (!ref) throw MalformedMessage; // the door lets no such name in
    const guard = new DocumentGuard(document, kindOf(ref).content);
    this.guards.set(documentName, { document, guard });
    return guard;
  }
}
