import type { afterUnloadDocumentPayload, beforeSyncPayload, Extension } from '@hocuspocus/server';
import { parseDocName, runsBoard, TalkGuard } from '@journeyboard/board-model';
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { ConnectionContext } from './access-extension.ts';
import { CommentRefused, MalformedMessage } from './close-reasons.ts';

/**
 * Guards the talk doc, which everyone but viewers may write: a comment is added only under the
 * writer's own id and name, removed only by its author or by someone who runs the board, and never
 * altered (`TalkGuard` in the board model, one per talk doc in memory). A refused update is
 * neither stored nor applied; the connection to the talk doc is closed with `CommentRefused`.
 */
export class TalkGuardExtension implements Extension {
  extensionName = 'journeyboard-talk-guard';
  // Before the durability extension (100) stores the update.
  priority = 110;
  private readonly log: Logger;
  private readonly guards = new Map<string, { document: Y.Doc; guard: TalkGuard }>();

  constructor(options: { log: Logger }) {
    this.log = options.log;
  }

  async beforeSync({ type, payload, documentName, document, connection }: beforeSyncPayload): Promise<void> {
    if (type !== messageYjsUpdate && type !== messageYjsSyncStep2) return;
    // Hocuspocus refuses every write on a read-only connection by itself.
    if (connection.readOnly || parseDocName(documentName)?.kind !== 'talk') return;
    const access = (connection.context as ConnectionContext).access;
    const refusal =
      access.userId === null
        ? 'not-your-name'
        : this.guardOf(documentName, document).check(payload, {
            userId: access.userId,
            displayName: access.displayName,
            moderates: runsBoard(access.role),
          });
    if (refusal === null) return;
    this.log.warn(
      { documentName, socketId: connection.socketId, userId: access.userId, refusal },
      'refused a change to the comments',
    );
    throw refusal === 'unreadable' ? MalformedMessage : CommentRefused;
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.guards.get(documentName)?.guard.destroy();
    this.guards.delete(documentName);
  }

  private guardOf(documentName: string, document: Y.Doc): TalkGuard {
    const held = this.guards.get(documentName);
    if (held?.document === document) return held.guard;
    held?.guard.destroy();
    const guard = new TalkGuard(document);
    this.guards.set(documentName, { document, guard });
    return guard;
  }
}
