import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import { checkTalkUpdate, parseDocName, runsBoard } from '@journeyboard/board-model';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { ConnectionContext } from './access-extension.ts';
import { CommentRefused, MalformedMessage } from './close-reasons.ts';

/**
 * Guards the talk doc, which everyone but viewers may write: a comment is added only under the
 * writer's own id and name, removed only by its author or by someone who runs the board, and never
 * altered (`checkTalkUpdate` in the board model). A refused update is neither stored nor applied;
 * the connection to the talk doc is closed with `CommentRefused`.
 */
export class TalkGuardExtension implements Extension {
  extensionName = 'journeyboard-talk-guard';
  // Before the durability extension (100) stores the update.
  priority = 110;
  private readonly log: Logger;

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
        : checkTalkUpdate(document, payload, {
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
}
