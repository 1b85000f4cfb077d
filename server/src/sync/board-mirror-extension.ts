import type { Extension, onChangePayload } from '@hocuspocus/server';
import { parseDocName, readBoard } from '@journeyboard/board-model';
import type { Logger } from 'pino';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * Mirrors what the board list shows into the board's row: its title, and when it was last edited.
 * A touch goes into the update log's next commit; while a board is being edited it is touched at
 * most every `touchIntervalMs`, and at once when its title changes.
 */
export class BoardMirrorExtension implements Extension {
  extensionName = 'journeyboard-board-mirror';
  private readonly documents: DocumentStore;
  private readonly log: Logger;
  private readonly touchIntervalMs: number;
  private readonly lastTouched = new Map<string, number>();
  private readonly knownTitles = new Map<string, string>();

  constructor(options: { documents: DocumentStore; log: Logger; touchIntervalMs?: number }) {
    this.documents = options.documents;
    this.log = options.log;
    this.touchIntervalMs = options.touchIntervalMs ?? 2_000;
  }

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    const ref = parseDocName(documentName);
    if (!ref) return;
    let title: string | undefined;
    if (ref.kind === 'structure') {
      try {
        title = readBoard(document).title;
      } catch {
        title = undefined;
      }
      if (title === this.knownTitles.get(ref.boardId)) title = undefined;
    }
    const now = Date.now();
    if (title === undefined && now - (this.lastTouched.get(ref.boardId) ?? 0) < this.touchIntervalMs) return;
    this.lastTouched.set(ref.boardId, now);
    if (title !== undefined) this.knownTitles.set(ref.boardId, title);
    await this.documents.touchBoard(ref.boardId, title).catch((error: unknown) => {
      this.log.warn({ err: error, boardId: ref.boardId }, 'could not record a board edit');
    });
  }
}
