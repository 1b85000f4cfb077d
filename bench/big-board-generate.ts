// Writes a big board the way a workshop would, through the real server: the owner adds lanes to
// the template over the structure document, then several sync clients (one WebSocket each) add
// cards across every cell, edit a fifth of them, recolour some, delete a few and comment on some.
import {
  CARD_COLOURS,
  LIMITS,
  type LaneKind,
  addCard,
  addComment,
  addLane,
  laneDocName,
  readBoard,
  removeCard,
  setCardColour,
  structureDocName,
  talkDocName,
  updateCardText,
} from '@journeyboard/board-model';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { type Account, type BenchServer, SyncClient, waitForSaved } from './big-board-server.ts';
import { OWNER_NAME } from './lib/journeyboard-api.ts';

const PHRASES = [
  'Reads a review on a forum',
  'Compares prices with two competitors before asking anyone',
  'Asks sales for a demo',
  'Website shows no stock levels, so they call the shop',
  'Waits 20 minutes on the support line',
  'Gets a personalised onboarding email',
  'Recommends us to a colleague',
  'Proactive check-in before the renewal, with usage figures',
  'Confused by the three plans',
  'NPS survey after the first month',
];

/** Lanes added to the template's four, so the board has ten. */
const EXTRA_LANES: { name: string; kind: LaneKind }[] = [
  { name: 'Channels', kind: 'channels' },
  { name: 'Thoughts', kind: 'thoughts' },
  { name: 'Emotions', kind: 'emotions' },
  { name: 'Metrics and KPIs', kind: 'kpis' },
  { name: 'Backstage processes', kind: 'backstage' },
  { name: 'Notes', kind: 'notes' },
];
/** Lanes added after those when the cards would not fit in ten (a lane holds 1,000 at most). */
const MORE_LANES: { name: string; kind: LaneKind }[] = [
  { name: 'Frontstage', kind: 'frontstage' },
  { name: 'Support processes', kind: 'support' },
  { name: 'Departments', kind: 'departments' },
  { name: 'More notes', kind: 'notes' },
];

export interface GeneratedBoard {
  stages: number;
  lanes: number;
  cards: number;
  comments: number;
  writers: number;
  /** Updates the writers sent (each acknowledged as saved). */
  updates: number;
  ms: number;
}

/**
 * Fills `boardId` (made from the default template) with `cardCount` cards over ten lanes, written
 * by `writerCount` clients, and resolves once the server has saved every update.
 */
export async function generateBigBoard(
  server: BenchServer,
  owner: Account,
  boardId: string,
  cardCount: number,
  writerCount = 5,
): Promise<GeneratedBoard> {
  const started = performance.now();
  const setup = new SyncClient(server, owner);
  const structureProvider = await setup.open(structureDocName(boardId));
  // A twentieth more cards than asked for are written, then deleted, as in a workshop; every lane
  // gets its share, within the product's limit of cards in one lane even before the deletes.
  const deleted = Math.floor(cardCount / 20);
  const lanesNeeded = Math.ceil((cardCount + deleted) / LIMITS.cardsPerLane);
  const more = Math.max(0, lanesNeeded - 4 - EXTRA_LANES.length);
  if (more > MORE_LANES.length) throw new Error(`${cardCount} cards do not fit in the lanes this board has`);
  for (const lane of [...EXTRA_LANES, ...MORE_LANES.slice(0, more)])
    addLane(structureProvider.document, lane);
  await waitForSaved(structureProvider);
  const { stages, lanes } = readBoard(structureProvider.document);
  setup.destroy();

  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const writers = await Promise.all(
    Array.from({ length: writerCount }, async () => {
      const client = new SyncClient(server, owner);
      const laneProviders = await Promise.all(lanes.map((l) => client.open(laneDocName(boardId, l.id))));
      const talk = await client.open(talkDocName(boardId));
      return { client, laneProviders, talk };
    }),
  );
  const allProviders = (): HocuspocusProvider[] => writers.flatMap((w) => [...w.laneProviders, w.talk]);
  let updates = 0;
  /** Lets sends and acknowledgements through every so often, as people type at a human pace. */
  // Each writer stays under the server's 200 messages a second per socket (SOCKET_LIMITS): the
  // writers take turns, so the whole run goes at most 150 updates a second per writer.
  const pacedFrom = performance.now();
  const perSecond = writerCount * 150;
  const breathe = async (n: number) => {
    if (n % 200 === 0) await Promise.all(allProviders().map((p) => waitForSaved(p)));
    const ahead = (n / perSecond) * 1000 - (performance.now() - pacedFrom);
    if (ahead > 1) await new Promise((resolve) => setTimeout(resolve, ahead));
  };

  const written: { writer: number; lane: number; id: string }[] = [];
  for (let i = 0; i < cardCount + deleted; i++) {
    const writer = i % writerCount;
    const lane = Math.floor(i / writerCount) % lanes.length;
    const stage = stages[Math.floor(random() * stages.length)]!;
    const text = `${PHRASES[i % PHRASES.length]} (${i})`;
    const doc = writers[writer]!.laneProviders[lane]!.document;
    const author = { id: owner.userId, name: OWNER_NAME, departmentId: null, guest: false };
    written.push({ writer, lane, id: addCard(doc, { stageId: stage.id, text, author }) });
    updates++;
    await breathe(updates);
  }
  for (const [n, card] of written.entries()) {
    const doc = writers[card.writer]!.laneProviders[card.lane]!.document;
    if (n % 5 === 0) {
      updateCardText(doc, card.id, `${PHRASES[n % PHRASES.length]}, edited after the discussion (${n})`);
      updates++;
      await breathe(updates);
    }
    if (n % 7 === 0) {
      setCardColour(doc, card.id, CARD_COLOURS[n % CARD_COLOURS.length]!);
      updates++;
      await breathe(updates);
    }
  }
  for (const card of written.slice(0, deleted)) {
    removeCard(writers[card.writer]!.laneProviders[card.lane]!.document, card.id);
    updates++;
    await breathe(updates);
  }
  // Comments on one card in twenty of those that stay.
  let comments = 0;
  for (const card of written.slice(deleted).filter((_, n) => n % 20 === 0)) {
    addComment(writers[card.writer]!.talk.document, {
      cardId: card.id,
      laneId: lanes[card.lane]!.id,
      authorId: owner.userId,
      authorName: OWNER_NAME,
      text: 'Do we have numbers for this? Sales says it happens weekly.',
    });
    comments++;
    updates++;
    await breathe(updates);
  }
  await Promise.all(allProviders().map((p) => waitForSaved(p)));
  for (const w of writers) w.client.destroy();
  return {
    stages: stages.length,
    lanes: lanes.length,
    cards: cardCount,
    comments,
    writers: writerCount,
    updates,
    ms: Math.round(performance.now() - started),
  };
}
