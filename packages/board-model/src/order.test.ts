import { describe, expect, it } from 'vitest';
import {
  compareOrdered,
  initialKeys,
  isOrderKey,
  orderKeyAt,
  withInitialOrder,
  type Ordered,
} from './order.ts';

function insertAt(sorted: Ordered[], index: number, id: string): Ordered[] {
  const next = [...sorted, { id, order: orderKeyAt(sorted, index) }];
  return next.sort(compareOrdered);
}

function idsOf(items: Ordered[]): string[] {
  return items.map((item) => item.id);
}

describe('isOrderKey', () => {
  it('accepts keys made by fractional-indexing', () => {
    for (const key of ['a0', 'a1', 'Zz', 'a0V', 'b00']) expect(isOrderKey(key), key).toBe(true);
  });

  it('refuses anything else', () => {
    for (const key of [
      '',
      'a',
      '0a',
      'a00',
      'a0!',
      'a0 ',
      'ä0',
      '!!',
      'A' + '0'.repeat(26),
      3,
      null,
      undefined,
    ]) {
      expect(isOrderKey(key), String(key)).toBe(false);
    }
  });
});

describe('compareOrdered', () => {
  it('sorts by order key with plain code-unit comparison, not by locale', () => {
    const items = [
      { id: 'x', order: 'a1' },
      { id: 'y', order: 'Zz' },
      { id: 'z', order: 'a0V' },
    ];
    expect(idsOf(items.sort(compareOrdered))).toEqual(['y', 'z', 'x']);
  });

  it('breaks ties between equal keys by id', () => {
    const items = [
      { id: 'b', order: 'a0' },
      { id: 'a', order: 'a0' },
    ];
    expect(idsOf(items.sort(compareOrdered))).toEqual(['a', 'b']);
  });
});

describe('withInitialOrder', () => {
  it('gives items ascending keys and distinct ids, in the order given', () => {
    const items = withInitialOrder([{ name: 'one' }, { name: 'two' }, { name: 'three' }]);
    expect(items.map((item) => item.name)).toEqual(['one', 'two', 'three']);
    expect(items.map((item) => item.order)).toEqual(['a0', 'a1', 'a2']);
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
  });
});

describe('initialKeys', () => {
  it('gives the same ascending keys on every call, without jitter', () => {
    expect(initialKeys(5)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(initialKeys(5)).toEqual(initialKeys(5));
    expect(initialKeys(0)).toEqual([]);
  });
});

describe('orderKeyAt', () => {
  it('places the first item of an empty list', () => {
    expect(isOrderKey(orderKeyAt([], 0))).toBe(true);
  });

  it('places an item at the start, in the middle and at the end', () => {
    let list = insertAt([], 0, 'b');
    list = insertAt(list, 1, 'd');
    list = insertAt(list, 0, 'a');
    list = insertAt(list, 2, 'c');
    list = insertAt(list, 4, 'e');
    expect(idsOf(list)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps keys valid and ordered through many inserts at the same place', () => {
    let list = insertAt(insertAt([], 0, 'first'), 1, 'last');
    for (let i = 0; i < 300; i++) list = insertAt(list, 1, `n${String(i).padStart(3, '0')}`);
    expect(list).toHaveLength(302);
    expect(list[0]?.id).toBe('first');
    expect(list[301]?.id).toBe('last');
    expect(list[1]?.id).toBe('n299');
    expect(new Set(list.map((item) => item.order)).size).toBe(302);
    for (const item of list) expect(isOrderKey(item.order)).toBe(true);
  });

  it('adds jitter, so two clients inserting at the same place almost never tie', () => {
    const list = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
    ];
    const keys = new Set(Array.from({ length: 200 }, () => orderKeyAt(list, 1)));
    expect(keys.size).toBeGreaterThan(195);
    for (const key of keys) expect(key > 'a0' && key < 'a1').toBe(true);
  });

  it('stays below the next key when the plain key is a prefix of it', () => {
    // generateKeyBetween('a0U', 'a0V1') is 'a0V', a prefix of the upper key.
    const list = [
      { id: 'a', order: 'a0U' },
      { id: 'b', order: 'a0V1' },
    ];
    for (let i = 0; i < 100; i++) {
      const key = orderKeyAt(list, 1);
      expect(key > 'a0U' && key < 'a0V1', key).toBe(true);
    }
  });

  it('does not throw between two equal keys, and lands just outside the tie', () => {
    const tied = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'd', order: 'a2' },
    ];
    expect(idsOf(insertAt(tied, 2, 'new'))).toEqual(['a', 'new', 'b', 'c', 'd']);
  });

  it('picks the nearer side of a run of equal keys', () => {
    const tied = [
      { id: 'a', order: 'a1' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'd', order: 'a1' },
    ];
    expect(idsOf(insertAt(tied, 1, 'new'))).toEqual(['new', 'a', 'b', 'c', 'd']);
    expect(idsOf(insertAt(tied, 3, 'new'))).toEqual(['a', 'b', 'c', 'd', 'new']);
    for (let index = 0; index <= tied.length; index++) expect(() => orderKeyAt(tied, index)).not.toThrow();
  });
});
