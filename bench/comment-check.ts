// What the server's check of each change to the comments costs (the talk kind's DocumentGuard: the update applied to
// a copy of the talk doc, kept beside it, and every touched comment compared before and after),
// against talk docs of several sizes. It runs on the server's event loop for every such change. The
// first check of a doc in memory makes the copy; later ones only apply the update to it.
// Run: npm run bench (or node bench/comment-check.ts with Node >= 22).
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  addComment,
  DOCUMENT_KINDS,
  DocumentGuard,
  newId,
  removeComment,
  type DocumentWriter,
} from '@journeyboard/board-model';
import * as Y from 'yjs';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const WRITER: DocumentWriter = {
  userId: 'q2k7mvxbn4a3hd5e',
  displayName: 'Lan Nguyễn',
  role: 'participant',
  departmentId: null,
  guest: false,
};
const TEXT = 'The price only shows after sign-up; two people asked about it in the demo.';

/** A talk doc with `count` comments from 20 people, and a tenth more written and removed. */
function talkDoc(count: number): Y.Doc {
  const doc = new Y.Doc();
  const authors = Array.from({ length: 20 }, (_, n) => ({ authorId: newId(), authorName: `Person ${n}` }));
  const removed: string[] = [];
  for (let n = 0; n < count + count / 10; n++) {
    const id = addComment(doc, {
      cardId: newId(),
      laneId: newId(),
      ...authors[n % 20]!,
      text: `${TEXT} (${n})`,
    });
    if (n % 11 === 10) removed.push(id);
  }
  for (const id of removed) removeComment(doc, id);
  return doc;
}

/** The update a client that has all of `doc` sends when it writes a comment. */
function newComment(doc: Y.Doc): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  addComment(copy, {
    cardId: newId(),
    laneId: newId(),
    authorId: WRITER.userId!,
    authorName: WRITER.displayName,
    text: TEXT,
  });
  return Y.encodeStateAsUpdate(copy, before);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** `rounds` comments, each checked and then applied to the doc, as the server does. */
function measure(comments: number, rounds: number) {
  const doc = talkDoc(comments);
  const talkDocBytes = Y.encodeStateAsUpdate(doc).length;
  const updates = Array.from({ length: rounds }, () => newComment(doc));
  const guard = new DocumentGuard(doc, DOCUMENT_KINDS.talk.content);
  const times: number[] = [];
  for (const update of updates) {
    const started = performance.now();
    const refusal = guard.check(update, WRITER);
    times.push(performance.now() - started);
    if (refusal !== null) throw new Error(`the benchmark's own comment was refused: ${refusal}`);
    Y.applyUpdate(doc, update);
  }
  guard.destroy();
  const first = times.shift()!;
  times.sort((a, b) => a - b);
  return {
    comments,
    talkDocBytes,
    firstMs: first,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

const sizes = quick ? [100, 1000] : [100, 1000, 5000];
const rounds = quick ? 50 : 300;
const rows = sizes.map((comments) => measure(comments, rounds));

console.log('\nComment check: server CPU per change to the comments (DocumentGuard of the talk kind)\n');
console.log('  comments | talk doc | first check (copies the doc) | later checks p50 | p99');
for (const r of rows) {
  console.log(
    [
      String(r.comments).padStart(10),
      `${(r.talkDocBytes / 1024).toFixed(0)} kB`.padStart(8),
      `${r.firstMs.toFixed(1)} ms`.padStart(28),
      `${r.p50Ms.toFixed(2)} ms`.padStart(16),
      `${r.p99Ms.toFixed(2)} ms`,
    ].join(' | '),
  );
}
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  new URL('comment-check.json', resultsDir),
  JSON.stringify({ at: new Date().toISOString(), rounds, rows }, null, 2),
);
console.log('\nwritten to bench/results/comment-check.json');
