// How large a board's documents are: generates boards of several sizes with the board model
// (five stages, the template's lanes, cards of realistic length spread over the cells, some edited
// and some deleted as in a workshop) and prints the encoded size of each document; then the same
// for a new board made from each template, in each language.
// Run: npm run bench (or node bench/board-size.ts with Node >= 22).
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  addCard,
  buildTemplate,
  defaultBoard,
  TEMPLATE_IDS,
  writeTemplateCards,
  initBoard,
  readBoard,
  removeCard,
  setCardColour,
  updateCardText,
  CARD_COLOURS,
} from '@journeyboard/board-model';
import * as Y from 'yjs';

const PHRASES = [
  'Reads a review on a forum',
  'Compares prices with two competitors',
  'Asks sales for a demo',
  'Website shows no stock levels',
  'Waits 20 minutes on the support line',
  'Gets a personalised onboarding email',
  'Recommends us to a colleague',
  'Proactive check-in before the renewal',
];

/** Who writes the cards (the size of an author's fields is part of a card's). */
const AUTHOR = { id: 'q2k7mvxbn4a3hd5e', name: 'Lan Nguyễn', departmentId: 'dept-sales', guest: false };

/** A board that ends with `cardCount` cards, after a twentieth more were added and deleted. */
function generate(cardCount: number) {
  const deleted = Math.floor(cardCount / 20);
  const structure = new Y.Doc();
  initBoard(structure, defaultBoard('en', 'Benchmark board'));
  const { stages, lanes } = readBoard(structure);
  const laneDocs = lanes.map(() => new Y.Doc());
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const ids: { lane: number; id: string }[] = [];
  for (let i = 0; i < cardCount + deleted; i++) {
    const lane = i % lanes.length;
    const stage = stages[Math.floor(random() * stages.length)]!;
    const text = `${PHRASES[i % PHRASES.length]} (${i})`;
    ids.push({ lane, id: addCard(laneDocs[lane]!, { stageId: stage.id, text, author: AUTHOR }) });
  }
  // A workshop edits a fifth of its notes, recolours some, and deletes a few.
  for (const [n, card] of ids.entries()) {
    if (n % 5 === 0)
      updateCardText(laneDocs[card.lane]!, card.id, `${PHRASES[n % PHRASES.length]}, edited (${n})`);
    if (n % 7 === 0) setCardColour(laneDocs[card.lane]!, card.id, CARD_COLOURS[n % CARD_COLOURS.length]!);
  }
  for (const card of ids.slice(0, deleted)) removeCard(laneDocs[card.lane]!, card.id);
  const structureBytes = Y.encodeStateAsUpdate(structure).length;
  const laneBytes = laneDocs.map((d) => Y.encodeStateAsUpdate(d).length);
  return {
    cards: cardCount,
    structureBytes,
    laneBytes,
    totalBytes: structureBytes + laneBytes.reduce((a, b) => a + b, 0),
  };
}

const rows = [100, 500, 1000, 5000].map(generate);
console.log('\nBoard size: encoded Yjs state (Y.encodeStateAsUpdate) per document\n');
console.log('     cards | structure doc | largest lane doc | all documents | bytes per card');
for (const r of rows) {
  console.log(
    [
      String(r.cards).padStart(10),
      `${(r.structureBytes / 1024).toFixed(1)} kB`.padStart(13),
      `${(Math.max(...r.laneBytes) / 1024).toFixed(1)} kB`.padStart(16),
      `${(r.totalBytes / 1024).toFixed(1)} kB`.padStart(13),
      String(Math.round(r.totalBytes / r.cards)).padStart(14),
    ].join(' | '),
  );
}
/** A new board made from a template, as the server makes it: its documents' encoded sizes. */
function fromTemplate(template: (typeof TEMPLATE_IDS)[number], locale: 'en' | 'vi') {
  const built = buildTemplate(template, locale, 'Template board');
  const structure = new Y.Doc();
  const ids = initBoard(structure, built.board);
  const laneDocs = new Map(ids.laneIds.map((id) => [id, new Y.Doc()]));
  const written = writeTemplateCards(built, ids, (id) => laneDocs.get(id)!, AUTHOR);
  const structureBytes = Y.encodeStateAsUpdate(structure).length;
  const laneBytes = [...laneDocs.values()].map((d) => Y.encodeStateAsUpdate(d).length);
  return {
    template,
    locale,
    lanes: ids.laneIds.length,
    cards: written.length,
    structureBytes,
    laneBytes,
    totalBytes: structureBytes + laneBytes.reduce((a, b) => a + b, 0),
  };
}

const templates = TEMPLATE_IDS.flatMap((id) =>
  (['en', 'vi'] as const).map((locale) => fromTemplate(id, locale)),
);
console.log('\nA new board from each template: encoded Yjs state per document\n');
console.log('         template | locale | lanes | cards | structure doc | largest lane doc | all documents');
for (const t of templates) {
  console.log(
    [
      t.template.padStart(17),
      t.locale.padStart(6),
      String(t.lanes).padStart(5),
      String(t.cards).padStart(5),
      `${(t.structureBytes / 1024).toFixed(1)} kB`.padStart(13),
      `${(Math.max(0, ...t.laneBytes) / 1024).toFixed(1)} kB`.padStart(16),
      `${(t.totalBytes / 1024).toFixed(1)} kB`.padStart(13),
    ].join(' | '),
  );
}

const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  new URL('board-size.json', resultsDir),
  JSON.stringify({ at: new Date().toISOString(), rows, templates }, null, 2),
);
console.log('\nwritten to bench/results/board-size.json');
