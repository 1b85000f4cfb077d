import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  Extension,
} from '@hocuspocus/server';
import {
  DocumentGuard,
  kindOf,
  parseDocName,
  type DocumentWriter,
  type UpdateRefusal,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { ConnectionContext } from './access-extension.ts';
import type { BoardReferenceFacts } from './board-references.ts';
import type { CardRecords } from './card-records.ts';
import { isEmptyUpdate } from './update-validation.ts';
import {
  CardRefused,
  CommentRefused,
  ContentRefused,
  DocumentFull,
  MalformedMessage,
  NotSaved,
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
  'unknown-parent': CommentRefused,
  'not-your-thread': CommentRefused,
  'not-your-reaction': CommentRefused,
  'wrong-card-author': CardRefused,
  'unknown-reference': ContentRefused,
};

/**
 * Checks every update a client writes against its document kind's content rules (the board
 * model's `DocumentGuard`, one per live document): the shape of every entry it touches, the counts,
 * the document's size, for comments who wrote them, and for cards who wrote them against the
 * board's card records (`CardRecords`, which it loads as a lane doc loads). A refused update is
 * neither stored nor applied; that document's connection is closed with the reason, the socket
 * and its other documents stay open.
 */
export class ContentCheckExtension implements Extension {
  extensionName = 'journeyboard-content-check';
  private readonly log: Logger;
  private readonly cards: CardRecords;
  private readonly references: BoardReferenceFacts;
  private readonly guards = new Map<string, { document: Y.Doc; guard: DocumentGuard }>();
  /**
   * Per lane doc, the check in progress: a card's judgement waits for the store, and the next
   * update of the same doc is checked only after it, against what it accepted (or retracted).
   */
  private readonly checking = new Map<string, Promise<unknown>>();

  constructor(options: { log: Logger; cards: CardRecords; references: BoardReferenceFacts }) {
    this.log = options.log;
    this.cards = options.cards;
    this.references = options.references;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocName(documentName);
    if (ref?.kind !== 'lane') return;
    try {
      await this.cards.laneLoaded(ref.boardId, ref.laneId, document);
    } catch (error) {
      // Its cards are judged on what the store holds when they are written instead.
      this.log.error({ err: error, documentName }, 'could not load the card records of a lane');
    }
  }

  async beforeSync({ type, payload, documentName, document, connection }: beforeSyncPayload): Promise<void> {
    if (type !== messageYjsUpdate && type !== messageYjsSyncStep2) return;
    if (connection.readOnly) return;
    // A page that opens a document it has nothing new for answers the sync with the empty update:
    // nothing to check, and no guard (which keeps a copy of the document) for a document its
    // writers only read. Any other encoding is checked as usual.
    if (isEmptyUpdate(payload)) return;
    const { access } = connection.context as ConnectionContext;
    const writer: DocumentWriter = {
      userId: access.userId,
      displayName: access.displayName,
      role: access.role,
      departmentId: access.departmentId,
      guest: access.guest,
    };
    const ref = parseDocName(documentName);
    let refusal: UpdateRefusal | null;
    if (ref?.kind === 'lane') {
      refusal = await this.inTurn(documentName, async () => {
        const guard = this.guardOf(documentName, document);
        const references = this.references.judgement(ref.boardId);
        const judge = () =>
          this.cards.judge(
            ref.boardId,
            ref.laneId,
            writer,
            (cards) => guard.check(payload, writer, { cards, references }),
            () => guard.retract(payload),
          );
        let verdict = await judge();
        // A card naming a persona, department or file not known here yet: look again, then judge
        // again (a few times at most: each pass stops at the first unknown one).
        while (verdict === 'unknown-reference' && (await references.learn())) verdict = await judge();
        return verdict;
      }).catch((error: unknown) => {
        this.log.error(
          { err: error, documentName },
          'could not check the authors or references of an update; not saved',
        );
        throw NotSaved;
      });
    } else {
      refusal = this.guardOf(documentName, document).check(payload, writer);
    }
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
    const ref = parseDocName(documentName);
    if (ref?.kind === 'lane') {
      this.cards.laneUnloaded(ref.boardId, ref.laneId);
      if (!this.cards.holdsBoard(ref.boardId)) this.references.forget(ref.boardId);
    }
  }

  /** Runs `check` after every check of `documentName` before it. */
  private inTurn<T>(documentName: string, check: () => Promise<T>): Promise<T> {
    const before = this.checking.get(documentName) ?? Promise.resolve();
    const turn = before.then(check, check);
    const settled = turn.catch(() => undefined);
    this.checking.set(documentName, settled);
    void settled.then(() => {
      if (this.checking.get(documentName) === settled) this.checking.delete(documentName);
    });
    return turn;
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
