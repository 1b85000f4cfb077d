import { createServer, connect, type Socket } from 'node:net';
import {
  addCard,
  laneDocName,
  moveCardToLane,
  readBoard,
  readCard,
  readCards,
  structureDocName,
} from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type * as Y from 'yjs';
import {
  connectClient,
  createBoard,
  makeDataDir,
  ownerAuthor,
  sessionCookieOf,
  startServerProcess,
  waitForSaved,
  waitUntil,
  type Identity,
  type ServerProcess,
} from './testing/harness.ts';
import { identityOf } from './testing/api-client.ts';
import { RawSyncSocket, updateFrame } from './testing/raw-sync-socket.ts';
import { databaseUrlOf, queryStore } from './testing/test-store.ts';

// Several instances share boards through Redis (REDIS_URL) with PostgreSQL as the shared store;
// this is what the README's "Running several instances" section describes.
const REDIS_URL = process.env.JOURNEYBOARD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function twoInstances() {
  const dataDir = await makeDataDir();
  const a = await startServerProcess(dataDir, { REDIS_URL });
  const b = await startServerProcess(dataDir, { REDIS_URL });
  return { dataDir, a, b };
}

/** A load balancer in front of the instances: sends new connections to `target`, as a proxy would. */
async function loadBalancer(target: ServerProcess) {
  let port = Number(new URL(target.url).port);
  const open = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    open.add(client);
    client.pipe(upstream).pipe(client);
    const close = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    for (const socket of open) socket.destroy();
    proxy.close();
  });
  const address = proxy.address() as { port: number };
  return {
    syncUrl: `ws://127.0.0.1:${address.port}/sync`,
    sendTo(next: ServerProcess) {
      port = Number(new URL(next.url).port);
    },
  };
}

function cardTexts(doc: Y.Doc): string[] {
  return readCards(doc)
    .map((card) => card.text)
    .sort();
}

async function firstLane(server: ServerProcess, boardId: string): Promise<string> {
  const structure = await connectClient(server).open(structureDocName(boardId));
  return readBoard(structure.document).lanes[0]!.id;
}

describe('several instances with Redis', () => {
  it("shows clients on each instance each other's edits and cursors live", async () => {
    const { a, b } = await twoInstances();
    const board = await createBoard(a, 'Two instances');
    const lane = laneDocName(board.id, await firstLane(a, board.id));
    const onA = await connectClient(a).open(lane);
    const onB = await connectClient(b, a.owner).open(lane);

    addCard(onA.document, {
      stageId: readBoard((await connectClient(a).open(structureDocName(board.id))).document).stages[0]!.id,
      text: 'from A',
      author: ownerAuthor(a),
    });
    await waitUntil(() => cardTexts(onB.document).includes('from A'), 'B sees the card written on A');
    const stageId = readCards(onB.document)[0]!.stageId;
    addCard(onB.document, { stageId, text: 'from B', author: ownerAuthor(a) });
    await waitUntil(() => cardTexts(onA.document).includes('from B'), 'A sees the card written on B');
    await Promise.all([waitForSaved(onA), waitForSaved(onB)]);

    // Presence rides on the structure document (a lane's awareness is not relayed).
    const structureOnA = await connectClient(a).open(structureDocName(board.id));
    const structureOnB = await connectClient(b, a.owner).open(structureDocName(board.id));
    structureOnA.setAwarenessField('cursor', { x: 120, y: 80 });
    await waitUntil(
      () =>
        [...structureOnB.awareness!.getStates().values()].some(
          (state) =>
            (state.cursor as { x?: number } | undefined)?.x === 120 && state.user?.name === 'Olivia Owner',
        ),
      "B sees A's cursor, with the name the server vouches for",
    );
  });

  it('keeps every acknowledged edit when an instance is killed and its clients move to the other', async () => {
    const { a, b } = await twoInstances();
    const board = await createBoard(a, 'Failover');
    const laneId = await firstLane(a, board.id);
    const lane = laneDocName(board.id, laneId);
    const balancer = await loadBalancer(a);
    const structure = await connectClient(a).open(structureDocName(board.id));
    const stageId = readBoard(structure.document).stages[0]!.id;
    structure.destroy();

    const writers = await Promise.all(
      [0, 1, 2].map(() => connectClient({ ...a, syncUrl: balancer.syncUrl }).open(lane)),
    );
    const acknowledged: string[] = [];
    for (let round = 0; round < 10; round++) {
      for (const [i, writer] of writers.entries())
        addCard(writer.document, { stageId, text: `before ${i}-${round}`, author: ownerAuthor(a) });
    }
    await Promise.all(writers.map((writer) => waitForSaved(writer)));
    for (const writer of writers) acknowledged.push(...cardTexts(writer.document));

    balancer.sendTo(b);
    await a.stop('SIGKILL');
    for (const [i, writer] of writers.entries())
      addCard(writer.document, { stageId, text: `after ${i}`, author: ownerAuthor(a) });
    await Promise.all(writers.map((writer) => waitForSaved(writer, 30_000)));
    acknowledged.push(...writers.flatMap((writer) => cardTexts(writer.document)));

    const reader = await connectClient(b).open(lane);
    const stored = new Set(cardTexts(reader.document));
    for (const text of new Set(acknowledged)) expect(stored.has(text), text).toBe(true);
    expect(stored.size).toBe(33);
  });

  it('keeps an edit one instance relayed and was killed before storing: the other instance stored it too', async () => {
    const { dataDir, a, b } = await twoInstances();
    const board = await createBoard(a, 'Relayed, then killed');
    const laneId = await firstLane(a, board.id);
    const lane = laneDocName(board.id, laneId);
    const structure = await connectClient(a).open(structureDocName(board.id));
    const stageId = readBoard(structure.document).stages[0]!.id;
    structure.destroy();
    const author = await connectClient(a).open(lane);
    const onB = await connectClient(b).open(lane);
    const rows = () =>
      queryStore(dataDir, (db) =>
        db.selectFrom('doc_updates').select('id').where('doc_name', '=', lane).execute(),
      ).then((found) => found.length);
    const before = await rows();

    // Nothing can be committed while the test holds the log's table: the edit is relayed to the
    // other instance, and the one its author is on is killed before it can store it.
    const locker = new pg.Client({ connectionString: databaseUrlOf(dataDir) });
    locker.on('error', () => {});
    await locker.connect();
    onTestFinished(() => locker.end().catch(() => {}));
    await locker.query('begin');
    await locker.query('lock table doc_updates in exclusive mode');
    addCard(author.document, { stageId, text: 'Relayed before stored', author: ownerAuthor(a) });
    await waitUntil(
      () => cardTexts(onB.document).includes('Relayed before stored'),
      'the other instance has the edit',
    );
    expect(author.unsyncedChanges).toBeGreaterThan(0);
    await a.stop('SIGKILL');
    await locker.query('rollback');

    await waitUntil(async () => (await rows()) > before, 'the other instance stored the edit');
    onB.destroy();
    await b.stop('SIGKILL');
    const restarted = await startServerProcess(dataDir, { REDIS_URL });
    const reader = await connectClient(restarted).open(lane);
    expect(cardTexts(reader.document)).toEqual(['Relayed before stored']);
  });

  it('disconnects a guest on one instance when the join link is revoked on the other', async () => {
    const { a, b } = await twoInstances();
    const board = await createBoard(a, 'Revocation across instances');
    const call = (method: string, path: string, body?: unknown, cookie = a.owner.cookie) =>
      fetch(`${a.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const { link } = (await (
      await call('POST', `/api/boards/${board.id}/links`, { kind: 'join' })
    ).json()) as {
      link: { id: string; token: string };
    };
    const joined = await fetch(`${a.url}/api/links/${link.token}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Guest on B', departmentId: 'dept-support' }),
    });
    const guest: Identity = { cookie: sessionCookieOf(joined), userId: null };
    const onB = await connectClient(b, guest).open(structureDocName(board.id));
    let reason = '';
    onB.on('close', ({ event }: { event: { reason: string } }) => (reason ||= event.reason));

    expect((await call('DELETE', `/api/boards/${board.id}/links/${link.id}`)).status).toBe(200);
    await waitUntil(() => reason !== '', 'the guest on B is disconnected', 10_000);
    expect(reason).toBe('link-revoked');
  });

  it("keeps a card's author when it moves on another instance than the one it was written on, and refuses a forged one there", async () => {
    const { a, b } = await twoInstances();
    const board = await createBoard(a, 'Authors across instances');
    const structure = readBoard((await connectClient(a).open(structureDocName(board.id))).document);
    const [first, second] = structure.lanes.map((lane) => laneDocName(board.id, lane.id)) as [string, string];
    const stageId = structure.stages[0]!.id;
    const link = (await (
      await fetch(`${a.url}/api/boards/${board.id}/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: a.owner.cookie },
        body: JSON.stringify({ kind: 'join' }),
      })
    ).json()) as { link: { token: string } };
    const joined = await fetch(`${a.url}/api/links/${link.link.token}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Guest on B', departmentId: 'dept-support' }),
    });
    const guest = await identityOf(b, sessionCookieOf(joined));
    const guestAuthor = { id: guest.userId!, name: 'Guest on B', departmentId: 'dept-support', guest: true };
    // The guest opens both (shared) lanes on B before the card exists: what B holds of the board's
    // card records knows nothing of it.
    const onB = connectClient(b, guest);
    const [sourceOnB, targetOnB] = [await onB.open(first), await onB.open(second)];
    const onA = await connectClient(a).open(first);
    const id = addCard(onA.document, { stageId, text: 'Written on A', author: ownerAuthor(a) });
    await waitForSaved(onA);
    await waitUntil(() => readCard(sourceOnB.document, id) !== null, 'B sees the card written on A');

    const raw = await RawSyncSocket.connect(b, guest);
    const forgeries = {
      "a new card under the owner's name": updateFrom(targetOnB.document, (d) =>
        addCard(d, { stageId, text: 'Not by the owner', author: ownerAuthor(a) }),
      ),
      "the owner's card under the guest's name": updateFrom(targetOnB.document, (d) => {
        const entry = (sourceOnB.document.getMap('cards').get(id) as Y.Map<unknown>).clone();
        entry.set('authorId', guestAuthor.id);
        entry.set('authorName', guestAuthor.name);
        entry.set('authorDepartment', guestAuthor.departmentId);
        entry.set('authorGuest', true);
        d.getMap('cards').set(id, entry);
      }),
    };
    for (const [what, update] of Object.entries(forgeries)) {
      expect(await raw.authenticate(second)).toMatchObject({ scope: 'read-write' });
      expect(await raw.write(second, updateFrame(second, update)), what).toEqual({ closed: 'card-refused' });
    }

    moveCardToLane(sourceOnB.document, targetOnB.document, id, { stageId, index: 0 });
    await Promise.all([waitForSaved(sourceOnB), waitForSaved(targetOnB)]);
    const secondOnA = await connectClient(a).open(second);
    await waitUntil(() => readCard(secondOnA.document, id) !== null, 'A sees the card moved on B');
    expect(readCard(secondOnA.document, id)).toMatchObject({ text: 'Written on A', author: ownerAuthor(a) });
    expect(readCards(secondOnA.document)).toHaveLength(1);
    await waitUntil(() => readCard(onA.document, id) === null, 'A sees it gone from the first lane');
    // B judged the move on what it held, found the store knew better, and judged it again.
    expect(
      b.logs.some((line) => line.msg === 'judging an update again on the card records the store holds'),
    ).toBe(true);
  });

  it('never changes the stored board when an instance fails to load it', async () => {
    const { dataDir, a } = await twoInstances();
    const board = await createBoard(a, 'Load failure');
    const lane = laneDocName(board.id, await firstLane(a, board.id));
    const writer = await connectClient(a).open(lane);
    const stageId = readBoard((await connectClient(a).open(structureDocName(board.id))).document).stages[0]!
      .id;
    for (let i = 0; i < 5; i++)
      addCard(writer.document, { stageId, text: `card ${i}`, author: ownerAuthor(a) });
    await waitForSaved(writer);

    // A third instance whose database role may not read the update log: its load fails.
    const role = `jb_noread_${Math.random().toString(36).slice(2, 10)}`;
    const url = new URL(databaseUrlOf(dataDir)!);
    const admin = new pg.Client({ connectionString: url.href });
    await admin.connect();
    onTestFinished(async () => {
      await admin.query(`drop owned by ${role}`).catch(() => {});
      await admin.end();
      const cleanup = new pg.Client({ connectionString: new URL('/postgres', url).href });
      await cleanup.connect();
      await cleanup.query(`drop role if exists ${role}`).catch(() => {});
      await cleanup.end();
    });
    await admin.query(`create role ${role} login`);
    await admin.query(`grant usage, create on schema public to ${role}`);
    await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await admin.query(`revoke select on doc_updates from ${role}`);
    const limitedUrl = new URL(url.href);
    limitedUrl.username = role;
    const c = await startServerProcess(dataDir, { REDIS_URL, DATABASE_URL: limitedUrl.href });

    const rowsBefore = await queryStore(dataDir, (db) =>
      db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('doc_name', '=', lane)
        .orderBy('id')
        .execute(),
    );
    const failing = connectClient(c, a.owner).open(lane);
    const outcome = await Promise.race([
      failing.then(
        () => 'synced',
        (error: unknown) => `refused: ${String(error)}`,
      ),
      new Promise((resolve) => setTimeout(() => resolve('never synced'), 5_000)),
    ]);
    expect(outcome).not.toBe('synced');
    await waitUntil(() => c.logs.some((line) => line.level >= 40), 'the failing instance logs why');

    addCard(writer.document, { stageId, text: 'after the failed load', author: ownerAuthor(a) });
    await waitForSaved(writer);
    const rowsAfter = await queryStore(dataDir, (db) =>
      db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('doc_name', '=', lane)
        .orderBy('id')
        .execute(),
    );
    expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
    const reader = await connectClient(a).open(lane);
    expect(cardTexts(reader.document)).toEqual(
      [...Array.from({ length: 5 }, (_, i) => `card ${i}`), 'after the failed load'].sort(),
    );
  });
});
