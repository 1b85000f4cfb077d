import type { Extension, onConnectPayload, onDisconnectPayload } from '@hocuspocus/server';
import { parseDocName } from '@journeyboard/board-model';
import type { Logger } from 'pino';
import type { BoardStore } from '../storage/board-store.ts';
import { BoardNotFound, TooManyDocuments, UnknownDocument } from './close-reasons.ts';

/**
 * More documents than one page opens: the structure, the talk doc and one per lane (at most 40),
 * with room for the kinds still to come.
 */
export const MAX_DOCUMENTS_PER_SOCKET = 100;

export interface DoorOptions {
  boards: BoardStore;
  log: Logger;
  maxDocumentsPerSocket?: number;
}

/**
 * The door: a document is opened only when its name is one Journeyboard makes, its board exists,
 * and the socket holds fewer documents than a page ever opens. Nothing is created for a refused
 * name. (That a lane document's lane exists is checked with access, so that someone without a
 * role on the board learns nothing about its lanes.)
 */
export class DoorExtension implements Extension {
  extensionName = 'journeyboard-door';
  private readonly options: DoorOptions;
  private readonly maxDocuments: number;
  /** socket → the documents it opened (or is opening). */
  private readonly opened = new Map<string, Set<string>>();

  constructor(options: DoorOptions) {
    this.options = options;
    this.maxDocuments = options.maxDocumentsPerSocket ?? MAX_DOCUMENTS_PER_SOCKET;
  }

  async onConnect({ documentName, socketId }: onConnectPayload): Promise<void> {
    const { log, boards } = this.options;
    const ref = parseDocName(documentName);
    if (!ref) {
      log.info({ documentName }, 'refused a connection to an unknown document');
      throw UnknownDocument;
    }
    const opened = this.opened.get(socketId) ?? new Set<string>();
    if (!opened.has(documentName) && opened.size >= this.maxDocuments) {
      log.warn({ socketId, documents: opened.size }, 'refused a document: the socket holds too many');
      throw TooManyDocuments;
    }
    if (!(await boards.exists(ref.boardId))) {
      log.info({ documentName }, 'refused a connection to a board that does not exist');
      throw BoardNotFound;
    }
    opened.add(documentName);
    this.opened.set(socketId, opened);
  }

  async onDisconnect({ documentName, socketId }: onDisconnectPayload): Promise<void> {
    this.opened.get(socketId)?.delete(documentName);
  }

  /** Forgets a socket that closed (a document refused later, at authentication, is never disconnected). */
  forgetSocket(socketId: string): void {
    this.opened.delete(socketId);
  }
}
