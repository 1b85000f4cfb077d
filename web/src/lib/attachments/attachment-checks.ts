import {
  ATTACHMENT_IMAGE_TYPES,
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  type AttachmentType,
} from '@journeyboard/board-model';

// What the page checks before it uploads a file, so that a refusal the server would make anyway
// is said at once, before a byte is sent. The server decides again from the bytes.

/** The types a browser's file picker is told to offer (types and extensions, for systems that know only one). */
export const ACCEPTED_FILES = [
  ...ATTACHMENT_TYPES,
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
  '.pdf',
  '.txt',
  '.vtt',
].join(',');
/** The image types alone, for a picture (a persona's photo). */
export const ACCEPTED_IMAGES = [...ATTACHMENT_IMAGE_TYPES, '.png', '.jpg', '.jpeg', '.webp', '.gif'].join(
  ',',
);

/** Types by file extension, for a file the browser gives no type (or a vague one). */
const TYPE_OF_EXTENSION: Record<string, AttachmentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  vtt: 'text/vtt',
};

/** The type to send a file as: the browser's, when it is one the server keeps, else its extension's; null for neither. */
export function attachmentTypeOf(file: { name: string; type: string }): AttachmentType | null {
  const declared = ATTACHMENT_TYPES.find((type) => type === file.type.toLowerCase());
  if (declared) return declared;
  if (file.type !== '' && file.type !== 'application/octet-stream') return null;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return TYPE_OF_EXTENSION[extension] ?? null;
}

export function isImage(type: AttachmentType): boolean {
  return ATTACHMENT_IMAGE_TYPES.includes(type);
}

/** Why a file cannot be attached, before it is sent. */
export type FileRefusal =
  | { reason: 'type' }
  | { reason: 'not-image' }
  | { reason: 'empty' }
  | { reason: 'too-large'; limit: number }
  | { reason: 'board-full'; limit: number }
  | { reason: 'card-full'; limit: number };

export interface FileCheck {
  /** Bytes the board's attachments take now (as last listed, plus what is being uploaded). */
  usedBytes: number;
  /** Attachments the card has now (plus those being uploaded to it); null when not for a card. */
  onCard: number | null;
  /** Only images (a persona's photo). */
  imagesOnly?: boolean;
}

/** Whether `file` may be uploaded: its type and the type to send it as, or why not. */
export function checkFile(
  file: { name: string; type: string; size: number },
  context: FileCheck,
): { type: AttachmentType } | { refused: FileRefusal } {
  const type = attachmentTypeOf(file);
  if (type === null) return { refused: { reason: 'type' } };
  if (context.imagesOnly && !isImage(type)) return { refused: { reason: 'not-image' } };
  if (file.size === 0) return { refused: { reason: 'empty' } };
  if (file.size > ATTACHMENT_LIMITS.bytes)
    return { refused: { reason: 'too-large', limit: ATTACHMENT_LIMITS.bytes } };
  if (context.onCard !== null && context.onCard >= ATTACHMENT_LIMITS.perCard) {
    return { refused: { reason: 'card-full', limit: ATTACHMENT_LIMITS.perCard } };
  }
  if (context.usedBytes + file.size > ATTACHMENT_LIMITS.boardBytes) {
    return { refused: { reason: 'board-full', limit: ATTACHMENT_LIMITS.boardBytes } };
  }
  return { type };
}

/** A size for people: bytes, KB or MB, in the reader's locale. */
export function formatBytes(bytes: number, locale: string): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / 1024 / 1024, 'MB');
}
