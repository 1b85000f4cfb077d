import {
  addCard,
  addLane,
  type CardAuthor,
  LANE_KINDS,
  laneDocName,
  type LaneKind,
  readBoard,
  setCardChannel,
  setCardDepartments,
  setCardKpi,
  setCardSeverity,
  setJourneyLoop,
  setMomentOfTruth,
  setStageTimeFrame,
  structureDocName,
} from '@journeyboard/board-model';
import { SESSION_COOKIE, SyncClient, waitForSaved } from '@journeyboard/testing';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { Account, ServerProcess } from './server.ts';

/** A client of the sync server as `account`, as a second device of theirs would be. */
export function syncClientOf(server: ServerProcess, account: Account): SyncClient {
  return new SyncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${SESSION_COOKIE}=${account.session}`, {
    presence: false,
  });
}

/** What a card written by `account` (who has no department) carries as its author. */
export function authorOf(account: Account): CardAuthor {
  return { id: account.id, name: account.name, departmentId: null, guest: false };
}

/** The name every lane of `everyKindBoard` gets: its kind's. */
export const KIND_LANE_NAMES: Record<LaneKind, string> = {
  touchpoints: 'Touchpoints',
  channels: 'Channels',
  actions: 'Customer actions',
  thoughts: 'Thoughts',
  emotions: 'Emotions',
  painPoints: 'Pain points',
  opportunities: 'Opportunities',
  kpis: 'Metrics and KPIs',
  departments: 'Departments responsible',
  frontstage: 'Frontstage actions',
  backstage: 'Backstage processes',
  support: 'Support processes and systems',
  notes: 'Notes',
};

/**
 * Fills the default board (five stages, four lanes) so that it has one lane of every kind, in
 * blueprint order (customer actions, frontstage, backstage, support together), and cards with
 * every typed field a lane shows: listed and written channels, each severity, KPIs short of their
 * target and past it, departments responsible, moments of truth; stages with time frames, and
 * the loyalty loop. Written over a sync client as the owner, through the model's operations.
 */
export async function everyKindBoard(server: ServerProcess, owner: Account, boardId: string): Promise<void> {
  const client = syncClientOf(server, owner);
  try {
    const structure = await client.open(structureDocName(boardId));
    const doc = structure.document;
    const present = new Set(readBoard(doc).lanes.map((lane) => lane.kind));
    // Kinds the default board lacks, added where a blueprint puts them: after customer actions.
    const blueprint: LaneKind[] = ['frontstage', 'backstage', 'support'];
    const actionsAt = readBoard(doc).lanes.findIndex((lane) => lane.kind === 'actions');
    blueprint.forEach((kind, i) => addLane(doc, { name: KIND_LANE_NAMES[kind], kind }, actionsAt + 1 + i));
    for (const kind of LANE_KINDS) {
      if (!present.has(kind) && !blueprint.includes(kind))
        addLane(doc, { name: KIND_LANE_NAMES[kind], kind });
    }
    const { stages, lanes } = readBoard(doc);
    setStageTimeFrame(doc, stages[0]!.id, 'week 1');
    setStageTimeFrame(doc, stages[3]!.id, 'day 30–60');
    setJourneyLoop(doc, true);
    await waitForSaved(structure);

    const author = authorOf(owner);
    const departments = readBoard(doc).departments.map((department) => department.id);
    for (const lane of lanes) {
      const provider = await client.open(laneDocName(boardId, lane.id));
      const laneDoc = provider.document;
      const card = (stage: number, text: string) =>
        addCard(laneDoc, { stageId: stages[stage]!.id, text, author });
      switch (lane.kind) {
        case 'touchpoints':
          setCardChannel(laneDoc, card(0, 'Reads a review on a forum'), 'reviewSites');
          setCardChannel(laneDoc, card(1, 'Asks on the Zalo page'), 'Zalo OA');
          setMomentOfTruth(laneDoc, card(2, 'First call with sales'), true);
          break;
        case 'channels':
          setCardChannel(laneDoc, card(0, 'Landing page of the campaign'), 'landingPage');
          break;
        case 'painPoints':
          ['low', 'medium', 'high', 'critical'].forEach((severity, i) =>
            setCardSeverity(laneDoc, card(i, `A ${severity} pain point`), severity as 'low'),
          );
          setMomentOfTruth(laneDoc, card(2, 'The price is not on the site'), true);
          break;
        case 'kpis':
          setCardKpi(laneDoc, card(0, 'Leads'), { current: 320, target: 500, unit: '', trend: 'up' });
          setCardKpi(laneDoc, card(3, 'Churn rate'), { current: 8.5, target: 5, unit: '%', trend: 'down' });
          setCardKpi(laneDoc, card(4, 'NPS'), { current: -12, target: 30, unit: '', trend: 'flat' });
          setCardKpi(laneDoc, card(2, 'Deals closed'), { current: 42 });
          break;
        case 'departments':
          setCardDepartments(laneDoc, card(1, 'Answer within a day'), departments.slice(0, 2));
          break;
        default:
          card(0, `A note about ${lane.name.toLowerCase()}`);
      }
      await waitForSaved(provider);
    }
  } finally {
    client.destroy();
  }
}

/**
 * Writes a field into a card's stored entry as no client the server accepts could (an older
 * client, a backup restored from before a check): with the server stopped, into its database,
 * as one more logged update of the lane's document. `lane` is the document the server had; the
 * update is made against it, offline.
 */
export function storeMalformedField(
  server: ServerProcess,
  boardId: string,
  laneId: string,
  lane: Awaited<ReturnType<SyncClient['open']>>,
  cardId: string,
  field: string,
  value: unknown,
): void {
  const updates: Uint8Array[] = [];
  const doc = lane.document;
  doc.on('update', (update: Uint8Array) => updates.push(update));
  // The lane doc's shape (SCHEMA.md): card entries, one Y.Map each, in its `cards` map.
  const entry = doc.getMap('cards').get(cardId) as { set(field: string, value: unknown): void } | undefined;
  if (!entry) throw new Error(`no card ${cardId} in lane ${laneId}`);
  entry.set(field, value);
  const db = new DatabaseSync(join(server.dataDir, 'journeyboard.sqlite'));
  try {
    const insert = db.prepare(
      'INSERT INTO doc_updates (doc_name, board_id, data, created_at) VALUES (?, ?, ?, ?)',
    );
    for (const update of updates) insert.run(laneDocName(boardId, laneId), boardId, update, Date.now());
  } finally {
    db.close();
  }
}
