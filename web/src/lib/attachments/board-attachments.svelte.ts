import {
  attachToCard,
  detachFromCard,
  mayRemoveAttachment,
  mayUploadAttachment,
  type AttachmentId,
  type AttachmentInfo,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';
import { describeError } from '#lib/board/errors.ts';
import { createContext } from 'svelte';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { describeApiError } from '#lib/api-errors.ts';
import { m } from '#lib/paraglide/messages.js';
import type { LiveBoard } from '#lib/board/live/live-board.svelte.ts';
import { checkFile, type FileRefusal } from './attachment-checks.ts';
import { deleteAttachment, listAttachments, uploadAttachment } from './attachment-client.ts';

/** What the page knows of an attachment id a document names. */
export type AttachmentLookup = AttachmentInfo | 'loading' | 'missing';

/** An upload under way, to one target (a card, a persona's photo). */
export interface PendingUpload {
  key: number;
  target: string;
  name: string;
  bytes: number;
  /** The part sent, 0 to 1. */
  fraction: number;
  cancel: () => void;
}

/** An upload that did not end on its target, with why, in the reader's language. */
export interface FailedUpload {
  key: number;
  target: string;
  name: string;
  message: string;
}

/** A refusal made before sending, in the reader's language. */
export function describeFileRefusal(refusal: FileRefusal): string {
  const megabytes = (bytes: number) => String(Math.round(bytes / 1024 / 1024));
  switch (refusal.reason) {
    case 'type':
      return m.attach_type_refused();
    case 'not-image':
      return m.attach_not_image();
    case 'empty':
      return m.attach_file_empty();
    case 'too-large':
      return m.attach_too_large({ max: megabytes(refusal.limit) });
    case 'board-full':
      return m.attach_board_full({ max: megabytes(refusal.limit) });
    case 'card-full':
      return m.attach_card_full({ limit: String(refusal.limit) });
  }
}

/** How long after a failed listing (no network) the page asks again. */
const RETRY_MS = 5_000;

/**
 * The attachments of the board open in this page: what the server says of each id the
 * documents name (a card's `attachments`, a persona's `photo`), the room they take, and the
 * uploads under way. Documents hold only ids; an id the page has not seen yet (someone else just
 * attached a file) makes it list the board's attachments again, once for every id that appears
 * at the same moment; an id still unknown after that is shown as missing (its file was deleted).
 */
export class BoardAttachments {
  readonly boardId: string;
  private readonly board: LiveBoard;
  private readonly known = new SvelteMap<AttachmentId, AttachmentInfo>();
  private readonly missing = new SvelteSet<AttachmentId>();
  /** Bytes the board's attachments take, as last listed and since uploaded or deleted here. */
  usedBytes = $state(0);
  pending = $state<PendingUpload[]>([]);
  failed = $state<FailedUpload[]>([]);
  /** Ids asked for that no listing has answered yet (plain: asking happens while rendering). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not rendered
  private readonly waiting = new Set<AttachmentId>();
  private scheduled = false;
  private listing: Promise<void> | null = null;
  private listAgain = false;
  private nextKey = 1;

  constructor(board: LiveBoard) {
    this.board = board;
    this.boardId = board.boardId;
  }

  /** Whether this person may upload now (everyone but viewers and watchers, while connected). */
  get mayUpload(): boolean {
    return !this.board.disconnected && mayUploadAttachment(this.board.access);
  }

  /** Whether this person may delete `info` from the server: its uploader, the owner, facilitators. */
  mayDelete(info: AttachmentInfo): boolean {
    return (
      !this.board.disconnected &&
      mayRemoveAttachment(this.board.access, this.board.access.userId, info.createdBy)
    );
  }

  /** What is known of `id`; asks the server when nothing is. Safe to call while rendering. */
  lookup(id: AttachmentId): AttachmentLookup {
    const info = this.known.get(id);
    if (info) return info;
    if (this.missing.has(id)) return 'missing';
    this.ask(id);
    return 'loading';
  }

  private ask(id: AttachmentId): void {
    if (this.waiting.has(id)) return;
    this.waiting.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    // After the render that asked: every id asked in it is answered by one listing.
    queueMicrotask(() => {
      this.scheduled = false;
      void this.refresh();
    });
  }

  /** Lists the board's attachments again (one listing at a time; asks made meanwhile get the next). */
  refresh(): Promise<void> {
    if (this.listing) {
      this.listAgain = true;
      return this.listing;
    }
    const covered = [...this.waiting];
    this.waiting.clear();
    this.listing = (async () => {
      try {
        const list = await listAttachments(this.boardId);
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not rendered
        const listed = new Set(list.attachments.map((a) => a.id));
        for (const id of [...this.known.keys()]) if (!listed.has(id)) this.known.delete(id);
        for (const info of list.attachments) {
          this.known.set(info.id, info);
          this.missing.delete(info.id);
        }
        for (const id of covered) if (!listed.has(id)) this.missing.add(id);
        this.usedBytes = list.usedBytes;
      } catch {
        // Offline, or the server is away: ask again in a while for the same ids.
        setTimeout(() => {
          for (const id of covered) if (!this.known.has(id) && !this.missing.has(id)) this.ask(id);
        }, RETRY_MS);
      } finally {
        this.listing = null;
        if (this.listAgain) {
          this.listAgain = false;
          void this.refresh();
        }
      }
    })();
    return this.listing;
  }

  uploadsTo(target: string): PendingUpload[] {
    return this.pending.filter((upload) => upload.target === target);
  }

  failuresOf(target: string): FailedUpload[] {
    return this.failed.filter((failure) => failure.target === target);
  }

  dismiss(key: number): void {
    this.failed = this.failed.filter((failure) => failure.key !== key);
  }

  /**
   * Uploads `file` for `target`, then hands what the server kept to `attach` (which writes its id
   * into a document and returns an error message, or null). A file the server would refuse is
   * refused here, before a byte is sent; every refusal shows among `failuresOf(target)`.
   */
  upload(
    file: File,
    target: string,
    options: { onCard: number | null; imagesOnly?: boolean },
    attach: (info: AttachmentInfo) => string | null,
  ): void {
    const fail = (message: string) => {
      this.failed.push({ key: this.nextKey++, target, name: file.name, message });
    };
    const sending = this.pending.reduce((sum, upload) => sum + upload.bytes, 0);
    const onCard = options.onCard === null ? null : options.onCard + this.uploadsTo(target).length;
    const checked = checkFile(file, {
      usedBytes: this.usedBytes + sending,
      onCard,
      imagesOnly: options.imagesOnly ?? false,
    });
    if ('refused' in checked) {
      fail(describeFileRefusal(checked.refused));
      return;
    }
    const controller = new AbortController();
    const key = this.nextKey++;
    this.pending.push({
      key,
      target,
      name: file.name,
      bytes: file.size,
      fraction: 0,
      cancel: () => controller.abort(),
    });
    const done = () => (this.pending = this.pending.filter((upload) => upload.key !== key));
    uploadAttachment(this.boardId, file, checked.type, {
      signal: controller.signal,
      onprogress: (fraction) => {
        const upload = this.pending.find((candidate) => candidate.key === key);
        if (upload) upload.fraction = fraction;
      },
    }).then(
      (info) => {
        done();
        this.known.set(info.id, info);
        this.usedBytes += info.bytes;
        const error = attach(info);
        if (error) fail(error);
      },
      (error: unknown) => {
        done();
        fail(
          error instanceof DOMException && error.name === 'AbortError'
            ? m.attach_cancelled()
            : describeApiError(error),
        );
      },
    );
  }

  /** Whether this person may write the card (wherever it is now): attach to it and take files off it. */
  mayEditCard(cardId: string): boolean {
    const found = this.board.findCard(cardId);
    const lane = found ? this.board.structure?.lanes.find((l) => l.id === found.laneId) : undefined;
    return lane !== undefined && this.board.permissions.canEditLane(lane);
  }

  /** Writes to the card's lane (wherever the card is now); an error message, or null when done. */
  private changeCard(cardId: string, write: (laneDoc: Y.Doc, origin?: object) => void, undoable: boolean) {
    const found = this.board.findCard(cardId);
    if (!found) return m.comments_card_gone();
    try {
      const laneDoc = this.board.laneDoc(found.laneId);
      if (undoable) this.board.change((origin) => write(laneDoc, origin));
      else write(laneDoc);
      return null;
    } catch (error) {
      return describeError(error);
    }
  }

  /** Puts an uploaded attachment on a card, as one step of this person's history. */
  attachToCard(cardId: string, id: AttachmentId): string | null {
    return this.changeCard(cardId, (laneDoc, origin) => attachToCard(laneDoc, cardId, id, origin), true);
  }

  /**
   * Takes an attachment off a card, as one step of this person's history (Undo puts it back): the
   * file stays on the server, so that nothing is lost by a slip. Resolves with an error message, or
   * null when done.
   */
  async removeFromCard(cardId: string, id: AttachmentId): Promise<string | null> {
    return this.changeCard(cardId, (laneDoc, origin) => detachFromCard(laneDoc, cardId, id, origin), true);
  }

  /** Deletes an attachment from the server; rejects with an `ApiError` (a 404 counts as done). */
  async delete(id: AttachmentId): Promise<void> {
    try {
      await deleteAttachment(this.boardId, id);
    } catch (error) {
      const gone = error instanceof Object && 'code' in error && error.code === 'ATTACHMENT_NOT_FOUND';
      if (!gone) throw error;
    }
    const info = this.known.get(id);
    if (info) this.usedBytes = Math.max(0, this.usedBytes - info.bytes);
    this.known.delete(id);
    this.missing.add(id);
  }
}

const [getAttachments, setAttachments, hasAttachments] = createContext<BoardAttachments>();

/** Makes the board's attachments known to every component of the board (Board.svelte, once). */
export function provideBoardAttachments(board: LiveBoard): BoardAttachments {
  return setAttachments(new BoardAttachments(board));
}

/** The attachments of the board this component is on; null outside a board. */
export function boardAttachments(): BoardAttachments | null {
  return hasAttachments() ? getAttachments() : null;
}
