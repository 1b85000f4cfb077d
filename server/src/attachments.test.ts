import {
  addCard,
  attachToCard,
  ATTACHMENT_LIMITS,
  readCard,
  type AttachmentInfo,
} from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import { makePng, uploadAttachment, type UploadedFile } from '@journeyboard/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { callApi, identityOf } from './testing/api-client.ts';
import { authorOf, boardWithEveryRole } from './testing/board-with-every-role.ts';
import {
  connectClient,
  createBoard,
  makeDataDir,
  signUp,
  startServerProcess,
  type Identity,
  type ServerProcess,
  waitForSaved,
} from './testing/harness.ts';
import { RawSyncSocket, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';
import { queryStore } from './testing/test-store.ts';

// Attachments through the API as any client may send them: what is stored is what the server
// recognised, within its limits, whole or not at all, and only people with a role on that board
// read it.

const MIB = 1024 * 1024;

interface Answer {
  status: number;
  code: string | undefined;
  attachment: AttachmentInfo | undefined;
}

async function upload(
  server: ServerProcess,
  as: Identity,
  boardId: string,
  file: UploadedFile,
): Promise<Answer> {
  const response = await uploadAttachment(server.url, as.cookie, boardId, file);
  const body = (await response.json()) as { code?: string; attachment?: AttachmentInfo };
  return { status: response.status, code: body.code, attachment: body.attachment };
}

function fetchAs(server: ServerProcess, as: Identity, path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers: { cookie: as.cookie, ...headers } });
}

/** How many attachment rows the store holds (for one board, or all), and their bytes together. */
function storedRows(server: ServerProcess, boardId?: string): Promise<{ rows: number; bytes: number }> {
  return queryStore(server.dataDir, async (db) => {
    let query = db.selectFrom('attachments').select(['bytes']);
    if (boardId !== undefined) query = query.where('board_id', '=', boardId);
    const rows = await query.execute();
    return { rows: rows.length, bytes: rows.reduce((sum, row) => sum + Number(row.bytes), 0) };
  });
}

const png = (name = 'whiteboard.png'): UploadedFile => ({
  name,
  type: 'image/png',
  data: makePng(1200, 900),
});
/** A file of exactly `bytes` bytes that the server recognises as a PDF. */
const pdfOf = (bytes: number, name = 'report.pdf'): UploadedFile => {
  const data = Buffer.alloc(bytes, 0x20);
  data.write('%PDF-1.7\n');
  return { name, type: 'application/pdf', data };
};
const text = (content: string | Uint8Array, type = 'text/plain', name = 'notes.txt'): UploadedFile => ({
  name,
  type,
  data: typeof content === 'string' ? Buffer.from(content) : content,
});

describe('attachments', () => {
  it('keep an image a participant uploads, with a thumbnail, for everyone on the board to read', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const image = png('Bảng trắng "sprint" 1.png');
    const answer = await upload(server, people.salesParticipant, boardId, image);
    expect(answer.status).toBe(201);
    const stored = answer.attachment!;
    expect(stored).toMatchObject({
      boardId,
      name: 'Bảng trắng "sprint" 1.png',
      type: 'image/png',
      bytes: image.data.byteLength,
      thumbnail: true,
      createdBy: people.salesParticipant.userId,
    });

    for (const reader of [people.owner, people.viewer, people.watcher, people.supportGuest]) {
      const listed = await callApi<{ attachments: AttachmentInfo[]; usedBytes: number }>(
        server,
        reader,
        'GET',
        `/api/boards/${boardId}/attachments`,
      );
      expect(listed.body).toEqual({ attachments: [stored], usedBytes: image.data.byteLength });

      const file = await fetchAs(server, reader, `/api/boards/${boardId}/attachments/${stored.id}`);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(image.data)).toBe(true);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition')).toBe(
        `inline; filename="B_ng tr_ng _sprint_ 1.png"; filename*=UTF-8''${encodeURIComponent(image.name)}`,
      );
      expect(file.headers.get('cache-control')).toMatch(/^private\b/);
      expect(file.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);

      const thumbnail = await fetchAs(
        server,
        reader,
        `/api/boards/${boardId}/attachments/${stored.id}/thumbnail`,
      );
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    }

    // A browser that holds the bytes is told they have not changed, once its access is checked.
    const again = await fetchAs(server, people.viewer, `/api/boards/${boardId}/attachments/${stored.id}`, {
      'if-none-match': `"${stored.id}"`,
    });
    expect(again.status).toBe(304);
    expect(await storedRows(server, boardId)).toEqual({ rows: 1, bytes: image.data.byteLength });
  });

  it('serve a file that is not an image as a download under its name, as what its bytes are, without a thumbnail', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const transcript = text(
      'WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào, khách hàng!\n',
      'text/vtt',
      'call.vtt',
    );
    const { status, attachment } = await upload(server, server.owner, boardId, transcript);
    expect(status).toBe(201);
    expect(attachment).toMatchObject({ type: 'text/vtt', thumbnail: false });
    const file = await fetchAs(server, server.owner, `/api/boards/${boardId}/attachments/${attachment!.id}`);
    expect(file.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="call.vtt"; filename*=UTF-8''call.vtt`,
    );
    expect(await file.text()).toBe(Buffer.from(transcript.data).toString());
    const thumbnail = await fetchAs(
      server,
      server.owner,
      `/api/boards/${boardId}/attachments/${attachment!.id}/thumbnail`,
    );
    expect([thumbnail.status, ((await thumbnail.json()) as { code: string }).code]).toEqual([
      404,
      'ATTACHMENT_NOT_FOUND',
    ]);
    // A name is a name: a path sent with it is dropped.
    const named = await upload(
      server,
      server.owner,
      boardId,
      text('hello', 'text/plain', '../../etc/notes.txt'),
    );
    expect(named.attachment?.name).toBe('notes.txt');
    // Nor does it hide what it is behind a right-to-left override or control characters.
    const spoofed = await upload(
      server,
      server.owner,
      boardId,
      text('hello', 'text/plain', 'report\u202Etxt.exe\u0007.txt'),
    );
    expect(spoofed.attachment?.name).toBe('reporttxt.exe.txt');
  });

  it('refuse a file over 10 MiB, announced or streamed, and store nothing of it', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const big = pdfOf(ATTACHMENT_LIMITS.bytes + 1);
    const announced = await upload(server, server.owner, boardId, big);
    expect(announced).toMatchObject({ status: 413, code: 'ATTACHMENT_TOO_LARGE' });

    // Without a Content-Length (chunked), the server stops reading at the limit.
    const chunks = (function* () {
      for (let sent = 0; sent <= ATTACHMENT_LIMITS.bytes; sent += MIB)
        yield big.data.subarray(sent, sent + MIB);
    })();
    const streamed = await fetch(`${server.url}/api/boards/${boardId}/attachments`, {
      method: 'POST',
      headers: { cookie: server.owner.cookie, 'content-type': 'application/pdf', 'x-file-name': 'big.pdf' },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { code: string; limit: number }).limit).toBe(ATTACHMENT_LIMITS.bytes);

    // Exactly at the limit is kept.
    expect((await upload(server, server.owner, boardId, pdfOf(ATTACHMENT_LIMITS.bytes))).status).toBe(201);
    expect(await storedRows(server)).toEqual({ rows: 1, bytes: ATTACHMENT_LIMITS.bytes });
  });

  it('refuse a type it does not keep, and a file whose bytes are not what its type says', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const image = makePng(40, 30);
    const brokenPng = Buffer.concat([image.subarray(0, 40), Buffer.alloc(200, 7)]);
    const cases: [string, UploadedFile, number, string][] = [
      [
        'an SVG',
        text('<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml', 'x.svg'),
        415,
        'ATTACHMENT_TYPE_REFUSED',
      ],
      [
        'an HTML page',
        text('<html><script>alert(1)</script></html>', 'text/html', 'x.html'),
        415,
        'ATTACHMENT_TYPE_REFUSED',
      ],
      ['no type at all', text('hello', '', 'x'), 415, 'ATTACHMENT_TYPE_REFUSED'],
      [
        'a PNG sent as a JPEG',
        { name: 'x.jpg', type: 'image/jpeg', data: image },
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      [
        'a PNG sent as text',
        { name: 'x.txt', type: 'text/plain', data: image },
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      ['text sent as a PNG', text('not an image', 'image/png', 'x.png'), 415, 'ATTACHMENT_TYPE_MISMATCH'],
      [
        'a PNG cut short',
        { name: 'x.png', type: 'image/png', data: brokenPng },
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      ['a PDF sent as text', { ...pdfOf(100), type: 'text/plain' }, 415, 'ATTACHMENT_TYPE_MISMATCH'],
      ['text with a NUL', text(new Uint8Array([104, 105, 0, 104, 105])), 415, 'ATTACHMENT_TYPE_MISMATCH'],
      [
        'text that is not UTF-8',
        text(new Uint8Array([0x68, 0xe9, 0x6c, 0x6c, 0x6f])),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      [
        'subtitles without their WEBVTT line',
        text('00:00.000 --> 00:01.000\nhi', 'text/vtt', 'x.vtt'),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      ['an empty file', text('', 'text/plain'), 400, 'ATTACHMENT_EMPTY'],
      ['a file without a name', text('hello', 'text/plain', ' '), 400, 'ATTACHMENT_NAME_INVALID'],
      [
        'a name too long',
        text('hello', 'text/plain', `${'n'.repeat(ATTACHMENT_LIMITS.nameLength)}.txt`),
        400,
        'ATTACHMENT_NAME_INVALID',
      ],
    ];
    for (const [what, file, status, code] of cases) {
      expect(await upload(server, server.owner, boardId, file), what).toMatchObject({ status, code });
    }
    const unnamed = await fetch(`${server.url}/api/boards/${boardId}/attachments`, {
      method: 'POST',
      headers: { cookie: server.owner.cookie, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(unnamed.status).toBe(400);
    expect(await storedRows(server)).toEqual({ rows: 0, bytes: 0 });
  });

  it('keep at most 100 MiB for one board, counting uploads sent at once one after the other', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const { id: otherBoard } = await createBoard(server, 'Onboarding');
    for (let i = 0; i < 9; i++) {
      expect((await upload(server, server.owner, boardId, pdfOf(10 * MIB, `part-${i}.pdf`))).status).toBe(
        201,
      );
    }
    // 90 MiB used: of two 6 MiB files sent together, one fits.
    const together = await Promise.all([
      upload(server, server.owner, boardId, pdfOf(6 * MIB, 'a.pdf')),
      upload(server, server.owner, boardId, pdfOf(6 * MIB, 'b.pdf')),
    ]);
    expect(together.map((a) => a.status).sort()).toEqual([201, 413]);
    expect(together.find((a) => a.status === 413)?.code).toBe('BOARD_ATTACHMENTS_FULL');
    // 96 MiB: 4 MiB still fits, one byte more does not.
    expect((await upload(server, server.owner, boardId, pdfOf(4 * MIB))).status).toBe(201);
    expect(await upload(server, server.owner, boardId, pdfOf(6))).toMatchObject({
      status: 413,
      code: 'BOARD_ATTACHMENTS_FULL',
    });
    expect(await storedRows(server, boardId)).toEqual({ rows: 11, bytes: ATTACHMENT_LIMITS.boardBytes });
    // Another board has room of its own.
    expect((await upload(server, server.owner, otherBoard, pdfOf(1000))).status).toBe(201);
  });

  it('let everyone who may write something upload, but not viewers nor watchers', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    for (const person of ['viewer', 'watcher'] as const) {
      expect(await upload(server, people[person], boardId, png()), person).toMatchObject({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    for (const person of ['salesLead', 'supportParticipant', 'supportGuest', 'facilitator'] as const) {
      expect((await upload(server, people[person], boardId, text(person))).status, person).toBe(201);
    }
    expect((await storedRows(server, boardId)).rows).toBe(4);
  });

  it('let the uploader, the owner and facilitators delete an attachment, and nobody else', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const path = (id: string) => `/api/boards/${boardId}/attachments/${id}`;
    const first = (await upload(server, people.salesParticipant, boardId, text('one'))).attachment!;
    const second = (await upload(server, people.salesParticipant, boardId, text('two'))).attachment!;
    const third = (await upload(server, people.supportGuest, boardId, text('three'))).attachment!;
    for (const person of ['salesLead', 'supportParticipant', 'viewer', 'watcher'] as const) {
      const answer = await callApi(server, people[person], 'DELETE', path(first.id));
      expect([answer.status, answer.body.code], person).toEqual([403, 'ATTACHMENT_NOT_REMOVABLE']);
    }
    expect((await callApi(server, people.salesParticipant, 'DELETE', path(first.id))).status).toBe(200);
    expect((await callApi(server, people.facilitator, 'DELETE', path(second.id))).status).toBe(200);
    expect((await callApi(server, people.owner, 'DELETE', path(third.id))).status).toBe(200);
    const gone = await fetchAs(server, people.owner, path(first.id));
    expect([gone.status, ((await gone.json()) as { code: string }).code]).toEqual([
      404,
      'ATTACHMENT_NOT_FOUND',
    ]);
    expect(await storedRows(server, boardId)).toEqual({ rows: 0, bytes: 0 });
  });

  it('answer 404 to a member of another board, and to a watcher of another board, for this board’s attachment', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const stored = (await upload(server, people.owner, boardId, png())).attachment!;
    // Someone with a board of their own, and a watcher of it.
    const stranger = await signUp(server.url, {
      email: 'stranger@journeyboard.test',
      password: 'stranger password',
      name: 'Sam',
    });
    const { id: strangersBoard } = await createBoard(server, 'Elsewhere', stranger);
    const link = await makeWatchLink(server, stranger, strangersBoard);
    const watched = await callApi(server, null, 'POST', `/api/links/${link}/watch`, {});
    const otherWatcher = await identityOf(server, watched.cookie!);

    for (const [who, as] of [
      ['a member of another board', stranger],
      ['a watcher of another board', otherWatcher],
    ] as const) {
      for (const suffix of ['', '/thumbnail']) {
        const here = await fetchAs(server, as, `/api/boards/${boardId}/attachments/${stored.id}${suffix}`);
        expect([here.status, ((await here.json()) as { code: string }).code], who).toEqual([
          404,
          'BOARD_NOT_FOUND',
        ]);
        // Through the board they do have, the id is of no attachment.
        const there = await fetchAs(
          server,
          as,
          `/api/boards/${strangersBoard}/attachments/${stored.id}${suffix}`,
        );
        expect([there.status, ((await there.json()) as { code: string }).code], who).toEqual([
          404,
          'ATTACHMENT_NOT_FOUND',
        ]);
      }
      const list = await fetchAs(server, as, `/api/boards/${boardId}/attachments`);
      expect(list.status, who).toBe(404);
      for (const board of [boardId, strangersBoard]) {
        const removal = await callApi(server, as, 'DELETE', `/api/boards/${board}/attachments/${stored.id}`);
        expect(removal.status, who).toBe(404);
      }
    }
    // Nor can anyone upload to a board they have no role on.
    expect((await upload(server, stranger, boardId, png())).status).toBe(404);
    expect(await storedRows(server, boardId)).toEqual({ rows: 1, bytes: stored.bytes });
  });

  it('are named by a card only when its board keeps them: a file of another board is refused', async () => {
    const world = await boardWithEveryRole();
    const { server, boardId, people, docNames } = world;
    const writer = people.salesParticipant;
    const ours = (await upload(server, writer, boardId, png())).attachment!;
    const { id: otherBoard } = await createBoard(server, 'Elsewhere');
    const theirs = (await upload(server, server.owner, otherBoard, png())).attachment!;
    const page = await connectClient(server, writer).open(docNames.salesLane);
    const card = addCard(page.document, {
      stageId: world.stageId,
      text: 'Whiteboard',
      author: authorOf(world, writer),
    });
    await waitForSaved(page);

    const send = async (update: Uint8Array) => {
      const raw = await RawSyncSocket.connect(server, writer);
      await raw.authenticate(docNames.salesLane);
      const before = await storedState(server, docNames.salesLane);
      const answer = await raw.write(docNames.salesLane, updateFrame(docNames.salesLane, update));
      return { answer, stored: (await storedState(server, docNames.salesLane)) !== before };
    };
    expect(await send(updateFrom(page.document, (d) => attachToCard(d, card, theirs.id)))).toEqual({
      answer: { closed: 'content-refused' },
      stored: false,
    });
    expect(await send(updateFrom(page.document, (d) => attachToCard(d, card, ours.id)))).toEqual({
      answer: { saved: true },
      stored: true,
    });
    const observer = await connectClient(server, people.viewer).open(docNames.salesLane);
    expect(readCard(observer.document, card)?.attachments).toEqual([ours.id]);
  });

  it('go with their board when it is deleted', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const { id: kept } = await createBoard(server, 'Kept');
    await upload(server, server.owner, boardId, png());
    await upload(server, server.owner, boardId, text('notes'));
    await upload(server, server.owner, kept, text('kept'));
    expect((await storedRows(server, boardId)).rows).toBe(2);
    expect((await callApi(server, server.owner, 'DELETE', `/api/boards/${boardId}`)).status).toBe(200);
    expect((await storedRows(server, boardId)).rows).toBe(0);
    expect((await storedRows(server, kept)).rows).toBe(1);
  });

  it('slow down one person who uploads more than 60 files in 15 minutes', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    for (let i = 0; i < 60; i++)
      expect((await upload(server, server.owner, boardId, text(`n${i}`))).status).toBe(201);
    const refused = await uploadAttachment(server.url, server.owner.cookie, boardId, text('one more'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await storedRows(server, boardId)).rows).toBe(60);
  });
});

/** Makes a watch link on `boardId` as `owner` (who runs it) and returns its token. */
async function makeWatchLink(server: ServerProcess, owner: Identity, boardId: string): Promise<string> {
  const answer = await callApi<{ link: { token: string } }>(
    server,
    owner,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      kind: 'watch',
    },
  );
  if (answer.status !== 201) throw new Error(`making a watch link answered ${answer.status}`);
  return answer.body.link.token;
}
