/**
 * Files for attachment tests: real images made here (no fixture files, no image library), and an
 * upload as the page sends it (raw body, its type as Content-Type, its name URI-encoded in
 * X-File-Name).
 */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A PNG of `width` × `height` pixels, filled with `rgb` with a darker diagonal band (so that a
 * thumbnail of it is not one flat colour), truecolour, 8 bits a channel.
 */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [220, 60, 40],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: none
    for (let x = 0; x < width; x++) {
      const band = Math.abs(x - y * (width / height)) < width / 8 ? 0.5 : 1;
      row[1 + x * 3] = Math.round(rgb[0] * band);
      row[2 + x * 3] = Math.round(rgb[1] * band);
      row[3 + x * 3] = Math.round(rgb[2] * band);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A file to upload: its name, the type it is sent as, and its bytes. */
export interface UploadedFile {
  name: string;
  type: string;
  data: Uint8Array;
}

/** The upload request the page makes for `file`, as `fetch` options (any extra headers on top). */
export function uploadRequest(
  cookie: string,
  file: UploadedFile,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: 'POST',
    headers: {
      cookie,
      'content-type': file.type,
      'x-file-name': encodeURIComponent(file.name),
      ...headers,
    },
    // A copy: fetch takes only bytes over a plain ArrayBuffer, which a Buffer may not be.
    body: new Uint8Array(file.data),
  };
}

/** Uploads `file` to a board's attachments as the holder of `cookie`; returns the raw answer. */
export function uploadAttachment(
  url: string,
  cookie: string,
  boardId: string,
  file: UploadedFile,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/api/boards/${boardId}/attachments`, uploadRequest(cookie, file, headers));
}
