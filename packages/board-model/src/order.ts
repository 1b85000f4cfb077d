import { generateKeyBetween } from 'fractional-indexing';
import { newId } from './ids.ts';
import { randomString } from './random.ts';

/** Anything placed by an order key; `id` breaks ties between equal keys. */
export interface Ordered {
  id: string;
  order: string;
}

// Keys use fractional-indexing's default alphabet: a head letter, then base-62 digits.
const KEY_CHARACTERS = /^[A-Za-z][0-9A-Za-z]*$/;
// Jitter never ends in '0', as the library refuses keys with a trailing zero.
const JITTER_ALPHABET = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const JITTER_LENGTH = 3;

/**
 * Whether `value` is an order key that fractional-indexing accepts. Readers skip entries whose
 * key fails this, so every key handed to the generator below is valid and it never throws.
 */
export function isOrderKey(value: unknown): value is string {
  if (typeof value !== 'string' || !KEY_CHARACTERS.test(value)) return false;
  try {
    generateKeyBetween(value, null);
    return true;
  } catch {
    return false;
  }
}

/** Sorts by order key, then by id, with plain code-unit comparison (never `localeCompare`). */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * `items` with ascending order keys and fresh ids, for a list written in one go by one client (a
 * new board): no concurrency, so plain keys `a0`, `a1`, … without jitter.
 */
export function withInitialOrder<T extends object>(items: readonly T[]): (T & Ordered)[] {
  const keys = initialKeys(items.length);
  return items.map((item, i) => ({ ...item, id: newId(), order: keys[i] as string }));
}

/**
 * `count` ascending keys `a0`, `a1`, … without jitter: the same on every client, for lists written
 * in one go where two clients writing the same list must write the same keys (a migration).
 */
export function initialKeys(count: number): string[] {
  const keys: string[] = [];
  let previous: string | null = null;
  for (let i = 0; i < count; i++) {
    previous = generateKeyBetween(previous, null);
    keys.push(previous);
  }
  return keys;
}

/**
 * A key that puts a new item at position `index` of `sorted` (sorted by `compareOrdered`, not
 * holding the item itself).
 *
 * Two clients inserting at the same place at the same time would compute the same key, so a few
 * random characters are appended: concurrent inserts then almost never tie. Ties still happen
 * (jitter that does not fit, clients that write keys of their own), and `(order, id)` keeps the
 * order total. No key fits strictly between two equal keys, so when `index` falls inside a run of
 * equal keys the item goes just before or just after the whole run, whichever is nearer to
 * `index`. Rewriting the run's keys instead would land exactly, but it writes to other items and
 * would silently undo a concurrent move of any of them; a slightly-off position in a rare case is
 * the smaller harm.
 */
export function orderKeyAt(sorted: readonly Ordered[], index: number): string {
  let lower = sorted[index - 1]?.order ?? null;
  let upper = sorted[index]?.order ?? null;
  if (lower !== null && lower === upper) {
    const tied = lower;
    let first = index - 1;
    while (sorted[first - 1]?.order === tied) first--;
    let last = index;
    while (sorted[last + 1]?.order === tied) last++;
    if (index - first <= last + 1 - index) {
      lower = sorted[first - 1]?.order ?? null;
      upper = tied;
    } else {
      lower = tied;
      upper = sorted[last + 1]?.order ?? null;
    }
  }
  return jitteredKeyBetween(lower, upper);
}

function jitteredKeyBetween(lower: string | null, upper: string | null): string {
  // key + jitter sorts after key, but it passes `upper` when key is a prefix of it; then step
  // closer to `upper`, where the next key soon stops being a prefix.
  let low = lower;
  for (let attempt = 0; attempt < 4; attempt++) {
    const key = generateKeyBetween(low, upper);
    const jittered = key + randomString(JITTER_ALPHABET, JITTER_LENGTH);
    if (upper === null || jittered < upper) return jittered;
    low = key;
  }
  return generateKeyBetween(low, upper);
}
