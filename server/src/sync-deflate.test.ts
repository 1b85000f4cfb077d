// permessage-deflate on the sync socket, spoken by hand over TCP (as Chromium offers it): the
// server agrees to it with small windows, compresses what it sends, reads what a client compresses,
// and holds a compressed message to MAX_MESSAGE_BYTES once inflated, closing with 1009 before a
// small frame can inflate into a large one, while every other connection carries on.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { constants, createInflateRaw, deflateRawSync } from 'node:zlib';
import { addCard, laneDocName, readCards, structureDocName } from '@journeyboard/board-model';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_MESSAGE_BYTES, SYNC_DEFLATE } from './app.ts';
import {
  connectClient,
  createBoard,
  loadBoard,
  makeDataDir,
  ownerAuthor,
  startServerProcess,
  waitForSaved,
  type Identity,
  type ServerProcess,
} from './testing/harness.ts';
import { authFrame, syncStep1Frame, updateFrame } from './testing/raw-sync-socket.ts';

/** What Chromium sends in its upgrade request. */
const CHROMIUM_OFFER = 'permessage-deflate; client_max_window_bits';
const FLUSH_TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

interface Frame {
  opcode: number;
  compressed: boolean;
  payload: Buffer;
}

/** A WebSocket client written out frame by frame, so that a test chooses what it compresses. */
class DeflateSocket {
  readonly frames: Frame[] = [];
  /** The close code of the server's close frame, or 1006 when the connection went without one. */
  readonly closed: Promise<number>;
  private buffer = Buffer.alloc(0);
  private readonly listeners = new Set<() => void>();
  private readonly socket: Socket;
  readonly extensions: string | null;

  private constructor(socket: Socket, extensions: string | null, rest: Buffer) {
    this.socket = socket;
    this.extensions = extensions;
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        const close = this.frames.find((frame) => frame.opcode === 0x8);
        resolve(close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1006);
      });
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    this.receive(rest);
  }

  static async connect(server: ServerProcess, as: Identity, offer: string | null): Promise<DeflateSocket> {
    const url = new URL(server.syncUrl);
    const socket = connectTcp(Number(url.port), url.hostname);
    onTestFinished(() => {
      socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(
      [
        `GET ${url.pathname} HTTP/1.1`,
        `Host: ${url.host}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        ...(offer ? [`Sec-WebSocket-Extensions: ${offer}`] : []),
        `Cookie: ${as.cookie}`,
        '',
        '',
      ].join('\r\n'),
    );
    const { head, rest } = await new Promise<{ head: string; rest: Buffer }>((resolve, reject) => {
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const head = received.subarray(0, end).toString('latin1');
        if (head.startsWith('HTTP/1.1 101')) resolve({ head, rest: received.subarray(end + 4) });
        else reject(new Error(`the upgrade was refused: ${head.split('\r\n')[0]}`));
      };
      socket.on('data', onData);
    });
    const extensions = /^sec-websocket-extensions:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? null;
    return new DeflateSocket(socket, extensions, rest);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const length7 = this.buffer[1]! & 0x7f;
      const headerLength = length7 === 126 ? 4 : length7 === 127 ? 10 : 2;
      if (this.buffer.length < headerLength) return;
      const length =
        length7 === 126
          ? this.buffer.readUInt16BE(2)
          : length7 === 127
            ? Number(this.buffer.readBigUInt64BE(2))
            : length7;
      if (this.buffer.length < headerLength + length) return;
      this.frames.push({
        opcode: this.buffer[0]! & 0x0f,
        compressed: (this.buffer[0]! & 0x40) !== 0,
        payload: Buffer.from(this.buffer.subarray(headerLength, headerLength + length)),
      });
      this.buffer = this.buffer.subarray(headerLength + length);
      for (const listener of this.listeners) listener();
    }
  }

  /** Resolves with the first frame that `matches`, received already or to come. */
  nextFrame(matches: (frame: Frame, index: number) => boolean, timeoutMs = 10_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(matches);
        if (!found) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no matching frame in ${timeoutMs} ms (${this.frames.length} received)`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /**
   * Sends `message` as one binary frame, masked; compressed as RFC 7692 says (RSV1 set, the
   * flush's trailing 00 00 ff ff left off) with the window the server set for clients.
   */
  send(message: Uint8Array, compress: boolean): void {
    const payload = compress
      ? (() => {
          const deflated = deflateRawSync(message, {
            windowBits: SYNC_DEFLATE.clientMaxWindowBits,
            finishFlush: constants.Z_SYNC_FLUSH,
          });
          return deflated.subarray(0, deflated.length - FLUSH_TRAILER.length);
        })()
      : Buffer.from(message);
    const first = 0x80 | (compress ? 0x40 : 0) | 0x2;
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([first, 0x80 | length])
        : length < 65_536
          ? Buffer.from([first, 0x80 | 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([first, 0x80 | 127]), bigLength(length)]);
    const mask = randomBytes(4);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
    this.socket.write(Buffer.concat([header, mask, masked]));
  }
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}

/** The document name a server's Hocuspocus frame starts with (varString: a short name's length is one byte). */
const documentNameOf = (message: Buffer) => message.subarray(1, 1 + message[0]!).toString('utf8');

interface Message {
  compressed: boolean;
  /** Payload bytes as they came. */
  wire: number;
  plain: Buffer;
}

/**
 * The server's binary messages, inflated in order with one context for the connection (as the
 * server compresses them with one), until `enough` says so.
 */
async function inflateMessages(
  socket: DeflateSocket,
  enough: (messages: Message[]) => boolean,
): Promise<Message[]> {
  const inflate = createInflateRaw({ windowBits: SYNC_DEFLATE.serverMaxWindowBits });
  onTestFinished(() => inflate.close());
  const chunks: Buffer[] = [];
  inflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const messages: Message[] = [];
  for (let index = 0; !enough(messages); index++) {
    const frame = await socket.nextFrame((_, at) => at === index);
    if (frame.opcode !== 0x2) continue;
    if (!frame.compressed) {
      messages.push({ compressed: false, wire: frame.payload.length, plain: frame.payload });
      continue;
    }
    inflate.write(Buffer.concat([frame.payload, FLUSH_TRAILER]));
    await new Promise<void>((resolve) => inflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    messages.push({ compressed: true, wire: frame.payload.length, plain: Buffer.concat(chunks.splice(0)) });
  }
  return messages;
}

/** A process's resident memory now and at its peak since the peak was last reset, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/** The server's setting that turns compression on (off by default). */
const DEFLATE = { SYNC_COMPRESSION: 'deflate' };

describe('permessage-deflate on the sync socket', () => {
  it('is agreed with the windows the server sets, compresses what the server sends and reads what the client compresses', async () => {
    const server = await startServerProcess(await makeDataDir(), DEFLATE);
    const { id: boardId } = await createBoard(server);
    const socket = await DeflateSocket.connect(server, server.owner, CHROMIUM_OFFER);
    expect(socket.extensions?.split(';').map((part) => part.trim())).toEqual(
      expect.arrayContaining([
        'permessage-deflate',
        `server_max_window_bits=${SYNC_DEFLATE.serverMaxWindowBits}`,
        `client_max_window_bits=${SYNC_DEFLATE.clientMaxWindowBits}`,
      ]),
    );
    expect(socket.extensions?.split(';')).toHaveLength(3);

    // Both frames compressed: the server can only answer if it inflated them.
    const name = structureDocName(boardId);
    socket.send(authFrame(name), true);
    socket.send(syncStep1Frame(name), true);
    // With a context kept for the connection (no context takeover not asked for), ws compresses
    // every message however small; the board's structure (five stages, four lanes) is the large one.
    const messages = await inflateMessages(socket, (inflated) =>
      inflated.some((message) => message.plain.length > 1000),
    );
    expect(messages.every((message) => message.compressed)).toBe(true);
    expect(messages.every((message) => documentNameOf(message.plain) === name)).toBe(true);
    const large = messages.find((message) => message.plain.length > 1000)!;
    expect(large.wire).toBeLessThan(large.plain.length / 2);
  });

  it('is not used with a client that does not offer it, nor when the server is not asked to', async () => {
    const plain = await startServerProcess(await makeDataDir());
    const offered = await DeflateSocket.connect(plain, plain.owner, CHROMIUM_OFFER);
    expect(offered.extensions).toBeNull();
    const server = await startServerProcess(await makeDataDir(), DEFLATE);
    const { id: boardId } = await createBoard(server);
    const socket = await DeflateSocket.connect(server, server.owner, null);
    expect(socket.extensions).toBeNull();
    socket.send(authFrame(structureDocName(boardId)), false);
    socket.send(syncStep1Frame(structureDocName(boardId)), false);
    const large = await socket.nextFrame((frame) => frame.opcode === 0x2 && frame.payload.length > 1000);
    expect(large.compressed).toBe(false);
  });

  it(`closes with 1009 a compressed message that inflates past ${MAX_MESSAGE_BYTES} bytes, without holding it, and others carry on`, async () => {
    const server = await startServerProcess(await makeDataDir(), DEFLATE);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    const laneName = laneDocName(boardId, board.lanes[0]!.id);
    const writer = await connectClient(server).open(laneName);

    // 64 MB of zeros in an update frame deflate to about 64 kB: a frame well under the limit that
    // would inflate to sixteen times it.
    const bomb = updateFrame(laneName, new Uint8Array(64 * 1024 * 1024));
    const attacker = await DeflateSocket.connect(server, server.owner, CHROMIUM_OFFER);
    attacker.send(authFrame(laneName), true);
    await attacker.nextFrame((frame) => frame.opcode === 0x2);
    // The peak resident memory is reset to the current one (Linux: clear_refs 5), so that the peak
    // read afterwards is what taking in the frame cost.
    await writeFile(`/proc/${server.pid}/clear_refs`, '5');
    const before = await memoryOf(server.pid);
    attacker.send(bomb, true);
    expect(await attacker.closed).toBe(1009);
    const after = await memoryOf(server.pid);
    // Inflating stops at the limit (4 MiB): far from the 64 MB the frame would make.
    expect(after.peak - before.rss).toBeLessThan(32 * 1024 * 1024);

    addCard(writer.document, {
      stageId: board.stages[0]!.id,
      text: 'Sees the ad on Zalo',
      author: ownerAuthor(server),
    });
    await waitForSaved(writer);
    const reader = await connectClient(server).open(laneName);
    expect(readCards(reader.document).map((card) => card.text)).toEqual(['Sees the ad on Zalo']);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
