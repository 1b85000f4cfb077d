import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ATTACHMENT_IMAGE_TYPES,
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  type AttachmentType,
} from '@journeyboard/board-model';
import sharp from 'sharp';
import { HttpError } from './responses.ts';

// What an uploaded file must be before it is stored: a name, a type the server recognises from
// the bytes themselves (the client's Content-Type must agree, never decides), a size within the
// limit; and, for an image, a thumbnail it can make, which proves the image is readable.

// Each image is new: nothing to gain from libvips' operation cache, only memory to hold.
sharp.cache(false);

/** The header that names the file (URI-encoded, as a header carries only ASCII safely). */
export const FILE_NAME_HEADER = 'x-file-name';

/**
 * The most pixels an image may have for the server to decode it for a thumbnail (50 megapixels:
 * the largest phone photos; decoded, such an image takes about 200 MB).
 */
const MAX_IMAGE_PIXELS = 50_000_000;
/** How many thumbnails are made at once, server-wide: each may hold a whole decoded image. */
const THUMBNAILS_AT_ONCE = 2;
let thumbnailsRunning = 0;
const thumbnailsWaiting: (() => void)[] = [];

/** Runs `make` when fewer than `THUMBNAILS_AT_ONCE` thumbnails are being made. */
async function oneOfFew<T>(make: () => Promise<T>): Promise<T> {
  if (thumbnailsRunning >= THUMBNAILS_AT_ONCE) await new Promise<void>((go) => thumbnailsWaiting.push(go));
  thumbnailsRunning++;
  try {
    return await make();
  } finally {
    thumbnailsRunning--;
    thumbnailsWaiting.shift()?.();
  }
}

export function isImageType(type: AttachmentType): boolean {
  return ATTACHMENT_IMAGE_TYPES.includes(type);
}

/**
 * Characters a file name shows as nothing or as something else: control characters, and the
 * bidirectional overrides that make "report\u202Efdp.exe" read as "reportexe.pdf".
 */
const UNSHOWN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** The file's name from its header: decoded, NFC, without control characters or path, trimmed. */
export function fileNameOf(req: IncomingMessage): string {
  const header = req.headers[FILE_NAME_HEADER];
  const refuse = (why: string) =>
    new HttpError(
      400,
      'ATTACHMENT_NAME_INVALID',
      `${why}: name the file in ${FILE_NAME_HEADER}, URI-encoded`,
      {
        limit: ATTACHMENT_LIMITS.nameLength,
      },
    );
  if (typeof header !== 'string') throw refuse('The file has no name');
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    throw refuse('The file name is not URI-encoded UTF-8');
  }
  // A name, not a path: whatever a browser or a tool put before the last slash is dropped.
  const name = (decoded.split(/[/\\]/).at(-1) ?? '').replace(UNSHOWN_CHARACTERS, '').normalize('NFC').trim();
  if (name === '') throw refuse('The file has no name');
  if ([...name].length > ATTACHMENT_LIMITS.nameLength)
    throw refuse(`The file name is longer than ${ATTACHMENT_LIMITS.nameLength} characters`);
  return name;
}

/** The type the client declares (Content-Type, without its parameters); refused unless it is one the server keeps. */
export function declaredTypeOf(req: IncomingMessage): AttachmentType {
  const declared = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const type = ATTACHMENT_TYPES.find((known) => known === declared);
  if (type === undefined) {
    throw new HttpError(
      415,
      'ATTACHMENT_TYPE_REFUSED',
      `Files of type "${declared || 'none'}" are not kept; attach ${ATTACHMENT_TYPES.join(', ')}`,
    );
  }
  return type;
}

const tooLarge = () =>
  new HttpError(
    413,
    'ATTACHMENT_TOO_LARGE',
    `The file is larger than ${ATTACHMENT_LIMITS.bytes} bytes (${ATTACHMENT_LIMITS.bytes / 1024 / 1024} MiB)`,
    { limit: ATTACHMENT_LIMITS.bytes },
  );

/** The size a request's Content-Length announces, refused at once when it is over the limit; null when absent. */
export function announcedSize(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const size = Number(header);
  if (!Number.isSafeInteger(size) || size < 0) return null;
  if (size > ATTACHMENT_LIMITS.bytes) throw tooLarge();
  return size;
}

/**
 * Reads the request body, at most `ATTACHMENT_LIMITS.bytes` of it: past that it keeps nothing
 * more and refuses at once; the caller answers, and the connection closes (`closeAfterAnswer`).
 */
export function readFileBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > ATTACHMENT_LIMITS.bytes) {
        stop();
        // What still comes is read and dropped, so that the client finishes sending and reads
        // the refusal (see closeAfterAnswer); nothing more of it is held.
        req.resume();
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      if (req.readableEnded) return;
      stop();
      reject(new Error('the upload was cut off before its end'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Makes the connection close once the answer is sent, for an upload refused before its body was
 * read: its bytes are not worth reading. Node then reads and drops what is still coming until the
 * client has sent what it announced (a browser reads the answer only then); a client still sending
 * a minute later (10 MiB over a slow line takes less) is cut off.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.readableEnded || res.headersSent) return;
  res.setHeader('connection', 'close');
  res.once('finish', () => {
    setTimeout(() => req.socket.destroy(), 60_000).unref();
  });
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The binary types recognised by their first bytes (their "magic numbers"). */
function binaryTypeOf(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether `bytes` are text: valid UTF-8 without a NUL (which no text file has and binary files do). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** WebVTT begins with "WEBVTT" (after an optional byte-order mark), then a space, a tab, a line end or nothing. */
function isWebVtt(bytes: Uint8Array): boolean {
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (!startsWith(bytes, ascii('WEBVTT'), start)) return false;
  const next = bytes[start + 6];
  return next === undefined || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

/**
 * What the bytes are, judged from themselves: one of the binary types by its signature, or
 * text; null when neither.
 */
export function recogniseType(bytes: Uint8Array): AttachmentType | 'text' | null {
  return binaryTypeOf(bytes) ?? (isText(bytes) ? 'text' : null);
}

/**
 * Checks that the file is what the client declared: the declared type decides nothing by
 * itself, the bytes must be of that type. Returns the type to keep and serve.
 */
export function checkContent(declared: AttachmentType, bytes: Uint8Array): AttachmentType {
  if (bytes.length === 0) throw new HttpError(400, 'ATTACHMENT_EMPTY', 'The file is empty');
  const found = recogniseType(bytes);
  const agrees =
    declared === 'text/plain'
      ? found === 'text'
      : declared === 'text/vtt'
        ? found === 'text' && isWebVtt(bytes)
        : found === declared;
  if (!agrees) {
    const what = found === null ? 'of no type that is kept' : found === 'text' ? 'text' : found;
    throw new HttpError(
      415,
      'ATTACHMENT_TYPE_MISMATCH',
      `The file was sent as ${declared} but its content is ${what}: nothing was stored`,
    );
  }
  return declared;
}

const SHARP_FORMATS: Partial<Record<AttachmentType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * A WebP thumbnail of an image, at most `ATTACHMENT_LIMITS.thumbnailPixels` on its wider side,
 * turned as its camera said (EXIF orientation), without the image's metadata; the first frame
 * of an animation. An image that cannot be decoded is refused: it would show as nothing.
 */
export function makeThumbnail(type: AttachmentType, bytes: Uint8Array): Promise<Uint8Array> {
  return oneOfFew(() => thumbnailOf(type, bytes));
}

async function thumbnailOf(type: AttachmentType, bytes: Uint8Array): Promise<Uint8Array> {
  const unreadable = () =>
    new HttpError(
      415,
      'ATTACHMENT_TYPE_MISMATCH',
      `The file is not a readable ${type} image: nothing was stored`,
    );
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: false });
    const { format } = await image.metadata();
    if (format !== SHARP_FORMATS[type]) throw unreadable();
    const side = ATTACHMENT_LIMITS.thumbnailPixels;
    return await image
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw unreadable();
  }
}

/** The Content-Type a kept file is served with: its recognised type, text always as UTF-8. */
export function servedType(type: AttachmentType): string {
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * Content-Disposition for a kept file: images open in the page (`inline`), everything else is
 * downloaded (`attachment`), under its name: an ASCII stand-in for old clients and the real name
 * in RFC 5987's encoding.
 */
export function contentDisposition(type: AttachmentType, name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${isImageType(type) ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
