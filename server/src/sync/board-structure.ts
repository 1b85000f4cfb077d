import type { Document } from '@hocuspocus/server';
import { laneDepartment, structureDocName } from '@journeyboard/board-model';
import * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store.ts';
import { applyStored } from '../storage/stored-document.ts';

/**
 * Reads a board's structure for permission checks: the live document when this instance holds it
 * (it is the freshest), otherwise what is stored.
 */
export class BoardStructureReader {
  private readonly liveDocuments: () => ReadonlyMap<string, Document>;
  private readonly documents: DocumentStore;

  /** `liveDocuments` gives the documents this instance holds (Hocuspocus's `documents`). */
  constructor(liveDocuments: () => ReadonlyMap<string, Document>, documents: DocumentStore) {
    this.liveDocuments = liveDocuments;
    this.documents = documents;
  }

  /** The owning department of a lane (an id or 'shared'), or null when the lane does not exist. */
  async laneDepartment(boardId: string, laneId: string): Promise<string | null> {
    return this.withStructure(boardId, (doc) => laneDepartment(doc, laneId));
  }

  /**
   * The owning department of a lane as the live structure document says (an id, 'shared', or null
   * when the lane does not exist), or undefined when this instance does not hold it loaded.
   */
  liveLaneDepartment(boardId: string, laneId: string): string | null | undefined {
    const live = this.liveDocuments().get(structureDocName(boardId));
    return live && !live.isLoading ? laneDepartment(live, laneId) : undefined;
  }

  /**
   * Whether the board has the lane, waiting up to `timeoutMs` for it to appear in the live
   * structure (a lane just added reaches it once its change is stored, or through Redis).
   */
  async waitForLane(boardId: string, laneId: string, timeoutMs: number): Promise<boolean> {
    if ((await this.laneDepartment(boardId, laneId)) !== null) return true;
    const live = this.liveDocuments().get(structureDocName(boardId));
    if (!live || live.isLoading) return false;
    return new Promise<boolean>((resolve) => {
      const check = (): void => {
        if (laneDepartment(live, laneId) === null) return;
        done(true);
      };
      const done = (found: boolean): void => {
        clearTimeout(timer);
        live.off('update', check);
        resolve(found);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      live.on('update', check);
    });
  }

  /** The live structure document of a board, or undefined when this instance does not hold it loaded. */
  liveStructure(boardId: string): Y.Doc | undefined {
    const live = this.liveDocuments().get(structureDocName(boardId));
    return live && !live.isLoading ? live : undefined;
  }

  async withStructure<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const name = structureDocName(boardId);
    const live = this.liveDocuments().get(name);
    if (live && !live.isLoading) return read(live);
    const doc = new Y.Doc();
    try {
      applyStored(doc, await this.documents.load(name));
      return read(doc);
    } finally {
      doc.destroy();
    }
  }
}
