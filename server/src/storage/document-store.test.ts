import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { makeDataDir } from '../testing/harness.ts';
import { databaseUrlOf } from '../testing/test-store.ts';
import { BoardStore } from './board-store.ts';
import { openDatabase } from './database.ts';
import { DocumentStore } from './document-store.ts';
import { applyStored } from './stored-document.ts';

const log = pino({ level: 'silent' });

async function openStore() {
  const dataDir = await makeDataDir();
  const database = await openDatabase({ dataDir, databaseUrl: databaseUrlOf(dataDir) ?? null }, log);
  onTestFinished(() => database.close());
  const boards = new BoardStore(database.db);
  const board = await boards.create({ id: 'Board00001', title: 'Launch journey' }, []);
  return { database, boards, board, documents: new DocumentStore(database.db, log, database.updateLog) };
}

/** An update that sets `key` in the document's map, independent of every other such update. */
function updateSetting(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, true);
  return Y.encodeStateAsUpdate(doc);
}

async function keysLoadedBy(store: DocumentStore, docName: string): Promise<string[]> {
  const doc = new Y.Doc();
  expect(applyStored(doc, await store.load(docName))).toBe(0);
  return [...doc.getMap('cards').keys()].sort();
}

describe('the document store', () => {
  it('loads the same document whichever order an edit and the edit it builds on were stored in, across a compaction', async () => {
    // Two instances each store what their own clients send: one may store an edit made on top of
    // another instance's edit before that edit is stored.
    const { documents, board } = await openStore();
    const docName = `lane:${board.id}:Lane000001`;
    const first = new Y.Doc();
    const text = first.getText('note');
    const updates: Uint8Array[] = [];
    first.on('update', (update: Uint8Array) => updates.push(update));
    text.insert(0, 'Sees the ad');
    text.insert(11, ' on Zalo');
    text.delete(0, 5);
    expect(updates).toHaveLength(3);
    const [earliest, builtOn, deletion] = updates as [Uint8Array, Uint8Array, Uint8Array];
    const contentOf = async () => {
      const doc = new Y.Doc();
      expect(applyStored(doc, await documents.load(docName))).toBe(0);
      return doc.getText('note').toString();
    };
    await documents.append(board.id, docName, deletion);
    await documents.append(board.id, docName, builtOn);
    // A compaction while what they build on is missing keeps them, waiting for it.
    await documents.compact(board.id, docName);
    expect(await contentOf()).toBe('');
    await documents.append(board.id, docName, earliest);
    expect(await contentOf()).toBe('the ad on Zalo');
    await documents.compact(board.id, docName);
    expect(await contentOf()).toBe('the ad on Zalo');
  });

  it('commits appends made together in one go, and each is stored when it resolves', async () => {
    const { documents, board } = await openStore();
    const docs = [0, 1, 2].map((n) => `lane:${board.id}:Lane00000${n}`);
    const keys = Array.from({ length: 150 }, (_, n) => `card ${n}`);
    // 150 appends to three documents at once, then each is checked as soon as it resolves.
    const checked = await Promise.all(
      keys.map(async (key, n) => {
        const docName = docs[n % 3]!;
        await documents.append(board.id, docName, updateSetting(key));
        return (await keysLoadedBy(documents, docName)).includes(key);
      }),
    );
    expect(checked.every(Boolean)).toBe(true);
    for (const [n, docName] of docs.entries()) {
      expect(await keysLoadedBy(documents, docName)).toEqual(keys.filter((_, i) => i % 3 === n).sort());
    }
  });

  it('records a board edit, and a new title, with the commits of the log', async () => {
    const { documents, boards, board } = await openStore();
    const before = (await boards.get(board.id))!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([
      documents.append(board.id, `board:${board.id}`, updateSetting('a')),
      documents.touchBoard(board.id, 'Onboarding journey'),
    ]);
    const after = (await boards.get(board.id))!;
    expect(after.title).toBe('Onboarding journey');
    expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
    await documents.touchBoard(board.id);
    expect((await boards.get(board.id))!.title).toBe('Onboarding journey');
  });

  it('loses nothing when compactions and loads run while updates keep coming', async () => {
    const { documents, board } = await openStore();
    const docName = `lane:${board.id}:Lane000001`;
    const written: string[] = [];
    let acknowledged = 0;
    let appending = true;
    const appends = (async () => {
      for (let n = 0; n < 400; n++) {
        const key = `card ${String(n).padStart(3, '0')}`;
        written.push(key);
        // Two at a time, so that commits carry more than one update.
        await Promise.all([
          documents.append(board.id, docName, updateSetting(key)),
          documents.touchBoard(board.id),
        ]);
        acknowledged = n + 1;
      }
      appending = false;
    })();
    let merged = 0;
    const compactions = (async () => {
      while (appending) merged += (await documents.compact(board.id, docName)).merged;
    })();
    const missedByLoads: string[] = [];
    const loads = (async () => {
      while (appending) {
        // SQLite reads on this thread answer within microtasks; let the commits' replies in.
        await new Promise((resolve) => setImmediate(resolve));
        const due = written.slice(0, acknowledged);
        const loaded = new Set(await keysLoadedBy(documents, docName));
        missedByLoads.push(...due.filter((key) => !loaded.has(key)));
      }
    })();
    await Promise.all([appends, compactions, loads]);
    expect(merged).toBeGreaterThan(0);
    expect(missedByLoads).toEqual([]);
    await documents.compact(board.id, docName);
    expect(await documents.logLength(docName)).toBe(0);
    expect(await keysLoadedBy(documents, docName)).toEqual([...written].sort());
  });

  it('keeps nothing of a board deleted while its log was being compacted', async () => {
    const { documents, boards, board } = await openStore();
    const docName = `lane:${board.id}:Lane000001`;
    for (let n = 0; n < 50; n++) await documents.append(board.id, docName, updateSetting(`card ${n}`));
    await Promise.all([documents.compact(board.id, docName), boards.delete(board.id)]);
    expect(await documents.load(docName)).toEqual({ snapshot: null, updates: [] });
  });
});

describe('listing the documents of a board by name', () => {
  it('finds those logged or compacted under the prefix, of that board only, taking _ and % literally', async () => {
    const { documents, boards, board } = await openStore();
    const other = await boards.create({ id: 'Board_0002', title: 'Other journey' }, []);
    const mine = [`private:${board.id}:User_00001`, `private:${board.id}:User000002`];
    await documents.append(board.id, mine[0]!, updateSetting('a'));
    await documents.append(board.id, mine[1]!, updateSetting('b'));
    await documents.compact(board.id, mine[1]!);
    await documents.append(board.id, `lane:${board.id}:Lane000001`, updateSetting('c'));
    await documents.append(other.id, `private:${other.id}:User000003`, updateSetting('d'));
    expect(await documents.documentNames(board.id, `private:${board.id}:`)).toEqual([...mine].sort());
    // `_` matches only itself: a prefix with one finds no name that has another character there.
    expect(await documents.documentNames(other.id, 'private:Board_0002:')).toEqual([
      `private:${other.id}:User000003`,
    ]);
    expect(await documents.documentNames(other.id, 'private:BoardX0002:')).toEqual([]);
    expect(await documents.documentNames(board.id, 'private:%')).toEqual([]);
  });
});
