import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { makeDataDir } from '../testing/harness.ts';
import { databaseUrlOf } from '../testing/test-store.ts';
import { type OpenedDatabase } from './database.ts';
import { DocumentStore } from './document-store.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { applyStored } from './stored-document.ts';

const log = pino({ level: 'silent' });
const BOARD = 'Board00001';
const DOC = `lane:${BOARD}:Lane000001`;

/** One server's view of the shared database, closed when the test finishes. */
async function openInstance(url: string): Promise<OpenedDatabase> {
  const database = await openPostgresDatabase(url, log);
  onTestFinished(() => database.close());
  return database;
}

/** An update that sets `key` in the document's map, independent of every other such update. */
function updateSetting(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(key, true);
  return Y.encodeStateAsUpdate(doc);
}

async function keysLoadedBy(store: DocumentStore): Promise<string[]> {
  const doc = new Y.Doc();
  expect(applyStored(doc, await store.load(DOC))).toBe(0);
  return [...doc.getMap('cards').keys()].sort();
}

describe('the document store on a PostgreSQL shared by several servers', () => {
  it('loses no update when two servers compact the same document while updates keep coming and loads', async () => {
    const url = databaseUrlOf(await makeDataDir())!;
    // Both start at once on an empty database: the migrations run once, under Kysely's lock.
    const instances = await Promise.all([openInstance(url), openInstance(url)]);
    const stores = instances.map((d) => new DocumentStore(d.db, log, d.updateLog));

    const written: string[] = [];
    let acknowledged = 0;
    let appending = true;
    const appends = (async () => {
      for (let n = 0; n < 300; n++) {
        const key = `card ${String(n).padStart(3, '0')}`;
        written.push(key);
        await stores[n % 2]!.append(BOARD, DOC, updateSetting(key));
        acknowledged = n + 1;
      }
      appending = false;
    })();
    const merged = [0, 0];
    const compactions = stores.map(async (store, i) => {
      while (appending) merged[i]! += (await store.compact(BOARD, DOC)).merged;
    });
    // A document loaded meanwhile holds every update acknowledged before the load began.
    const missedByLoads: string[] = [];
    const loads = (async () => {
      while (appending) {
        const due = written.slice(0, acknowledged);
        const loaded = new Set(await keysLoadedBy(stores[0]!));
        missedByLoads.push(...due.filter((key) => !loaded.has(key)));
      }
    })();
    await Promise.all([appends, ...compactions, loads]);
    expect(merged[0]! + merged[1]!).toBeGreaterThan(0);
    expect(missedByLoads).toEqual([]);

    const expected = [...written].sort();
    expect(await keysLoadedBy(stores[0]!)).toEqual(expected);
    expect(await keysLoadedBy(stores[1]!)).toEqual(expected);
    await Promise.all(stores.map((store) => store.compact(BOARD, DOC)));
    expect(await stores[1]!.logLength(DOC)).toBe(0);
    expect(await keysLoadedBy(stores[0]!)).toEqual(expected);
  });

  it('reads BIGINT columns as numbers and bytea as bytes Yjs reads, as on SQLite', async () => {
    const database = await openInstance(databaseUrlOf(await makeDataDir())!);
    const store = new DocumentStore(database.db, log, database.updateLog);
    await store.append(BOARD, DOC, updateSetting('first'));
    const row = await database.db
      .selectFrom('doc_updates')
      .select(['id', 'created_at', 'data'])
      .executeTakeFirstOrThrow();
    expect(typeof row.id).toBe('number');
    expect(typeof row.created_at).toBe('number');
    expect(row.data).toBeInstanceOf(Uint8Array);
    expect(await store.logLength(DOC)).toBe(1);
    expect(await keysLoadedBy(store)).toEqual(['first']);
  });
});
