import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEmotionPoint,
  attachToCard,
  clearInvalidFields,
  detachFromCard,
  linkCards,
  setCardChannel,
  setCardDepartments,
  setCardKpi,
  setCardPersonas,
  setCardSeverity,
  setEmotionPersona,
  setEmotionScore,
  setMomentOfTruth,
  unlinkCards,
} from './card-field-ops.ts';
import { CARD_TYPED_FIELDS, NO_CARD_FIELDS, type CardTypedField } from './card-fields.ts';
import { expectRefusal } from './expectRefusal.ts';
import { DocumentGuard, type DocumentWriter } from './kinds/document-guard.ts';
import { laneKind } from './kinds/lane-kind.ts';
import { addCard, moveCardToLane, readCard, updateCardText } from './lane.ts';
import { TEST_AUTHOR, updateFrom } from './replicas.ts';
import { cardsMap, LIMITS } from './schema.ts';

const STAGE = 'stageAware01';
const PERSONA_A = 'personaAdmin';
const PERSONA_B = 'personaUser1';
const WRITER: DocumentWriter = {
  userId: TEST_AUTHOR.id,
  displayName: TEST_AUTHOR.name,
  role: 'participant',
  departmentId: TEST_AUTHOR.departmentId,
  guest: false,
};

function laneWithCard(text = 'Sees an ad'): { lane: Y.Doc; id: string } {
  const lane = new Y.Doc();
  const id = addCard(lane, { stageId: STAGE, text, author: TEST_AUTHOR });
  return { lane, id };
}

const checkLane = (doc: Y.Doc, update: Uint8Array) =>
  DocumentGuard.checkOnce(doc, laneKind.content, update, WRITER);

describe('typed card fields: what a card reads as', () => {
  it('a sticky note has every typed field at its default', () => {
    const { lane, id } = laneWithCard();
    expect(readCard(lane, id)).toMatchObject(NO_CARD_FIELDS);
  });

  it('each operation writes its field, and reads back', () => {
    const { lane, id } = laneWithCard();
    setCardChannel(lane, id, 'liveChat');
    setCardSeverity(lane, id, 'critical');
    setCardPersonas(lane, id, [PERSONA_A, PERSONA_B, PERSONA_A]);
    linkCards(lane, id, 'otherCard001');
    setMomentOfTruth(lane, id, true);
    setCardKpi(lane, id, { current: 1200.5, target: 2000, unit: 'MQLs', trend: 'up' });
    setCardDepartments(lane, id, ['dept-marketing', 'dept-sales']);
    attachToCard(lane, id, 'attachment01');
    expect(readCard(lane, id)).toMatchObject({
      channel: 'liveChat',
      severity: 'critical',
      personas: [PERSONA_A, PERSONA_B],
      links: ['otherCard001'],
      moment: true,
      kpi: { current: 1200.5, target: 2000, unit: 'MQLs', trend: 'up' },
      departments: ['dept-marketing', 'dept-sales'],
      attachments: ['attachment01'],
      invalid: [],
    });
  });

  it('clearing a field removes it from the entry, so the card is as before', () => {
    const { lane, id } = laneWithCard();
    setCardChannel(lane, id, ' Zalo OA ');
    expect(readCard(lane, id)?.channel).toBe('Zalo OA');
    setCardChannel(lane, id, null);
    setCardSeverity(lane, id, 'low');
    setCardSeverity(lane, id, null);
    setCardPersonas(lane, id, [PERSONA_A]);
    setCardPersonas(lane, id, []);
    linkCards(lane, id, 'otherCard001');
    unlinkCards(lane, id, 'otherCard001');
    setMomentOfTruth(lane, id, true);
    setMomentOfTruth(lane, id, false);
    setCardKpi(lane, id, { current: 3 });
    setCardKpi(lane, id, null);
    attachToCard(lane, id, 'attachment01');
    detachFromCard(lane, id, 'attachment01');
    const entry = cardsMap(lane).get(id) as Y.Map<unknown>;
    expect(CARD_TYPED_FIELDS.filter((field) => entry.has(field))).toEqual([]);
    expect(readCard(lane, id)).toMatchObject(NO_CARD_FIELDS);
  });

  it('a KPI patch changes only the fields it names', () => {
    const { lane, id } = laneWithCard('NPS');
    setCardKpi(lane, id, { current: 31, target: 50 });
    setCardKpi(lane, id, { trend: 'down' });
    setCardKpi(lane, id, { target: null, unit: 'points' });
    expect(readCard(lane, id)?.kpi).toEqual({ current: 31, target: null, unit: 'points', trend: 'down' });
  });

  it('writing what is stored already writes nothing', () => {
    const { lane, id } = laneWithCard();
    setCardSeverity(lane, id, 'high');
    setCardPersonas(lane, id, [PERSONA_A]);
    linkCards(lane, id, 'otherCard001');
    let updates = 0;
    lane.on('update', () => updates++);
    setCardSeverity(lane, id, 'high');
    setCardPersonas(lane, id, [PERSONA_A]);
    linkCards(lane, id, 'otherCard001');
    setMomentOfTruth(lane, id, false);
    setCardKpi(lane, id, {});
    expect(updates).toBe(0);
  });

  it('a card moved to another lane keeps every typed field', () => {
    const { lane, id } = laneWithCard('Order by hand');
    setCardSeverity(lane, id, 'high');
    linkCards(lane, id, 'otherCard001');
    setMomentOfTruth(lane, id, true);
    const target = new Y.Doc();
    moveCardToLane(lane, target, id, { stageId: 'stageDecide1', index: 0 });
    expect(readCard(target, id)).toMatchObject({
      severity: 'high',
      links: ['otherCard001'],
      moment: true,
      stageId: 'stageDecide1',
    });
  });
});

describe('typed card fields: what the operations refuse, writing nothing', () => {
  it('refuses bad values with a code the page translates', () => {
    const { lane, id } = laneWithCard();
    expectRefusal(lane, () => setCardSeverity(lane, id, 'urgent' as never), 'INVALID_SEVERITY');
    expectRefusal(lane, () => setCardChannel(lane, id, 'x'.repeat(LIMITS.channelName + 1)), 'TEXT_TOO_LONG');
    expectRefusal(lane, () => setCardChannel(lane, id, '  '), 'EMPTY_TEXT');
    expectRefusal(lane, () => setCardKpi(lane, id, { current: Number.NaN }), 'INVALID_NUMBER');
    expectRefusal(lane, () => setCardKpi(lane, id, { target: '12' as never }), 'INVALID_NUMBER');
    expectRefusal(lane, () => setCardKpi(lane, id, { target: 1e13 }), 'INVALID_NUMBER');
    expectRefusal(lane, () => setCardKpi(lane, id, { trend: 'sideways' as never }), 'INVALID_TREND');
    expectRefusal(lane, () => setCardKpi(lane, id, { unit: 'x'.repeat(17) }), 'TEXT_TOO_LONG');
    expectRefusal(lane, () => setCardPersonas(lane, id, ['no']), 'UNKNOWN_PERSONA');
    expectRefusal(
      lane,
      () =>
        setCardPersonas(lane, id, [
          'persona001',
          'persona002',
          'persona003',
          'persona004',
          'persona005',
          'persona006',
        ]),
      'TOO_MANY',
    );
    expectRefusal(lane, () => linkCards(lane, id, id), 'INVALID_LINK');
    expectRefusal(lane, () => linkCards(lane, id, 'no id'), 'INVALID_LINK');
    expectRefusal(lane, () => setCardDepartments(lane, id, ['x']), 'INVALID_REFERENCE');
    expectRefusal(lane, () => attachToCard(lane, id, ''), 'INVALID_REFERENCE');
    expectRefusal(lane, () => setMomentOfTruth(lane, 'missingCard1', true), 'UNKNOWN_CARD');
  });

  it('refuses a 21st link and an 11th attachment', () => {
    const { lane, id } = laneWithCard();
    for (let i = 0; i < LIMITS.cardLinks; i++) linkCards(lane, id, `linkedCard${String(i).padStart(2, '0')}`);
    expectRefusal(lane, () => linkCards(lane, id, 'oneTooMany01'), 'TOO_MANY');
    for (let i = 0; i < LIMITS.cardAttachments; i++)
      attachToCard(lane, id, `attachment${String(i).padStart(2, '0')}`);
    expectRefusal(lane, () => attachToCard(lane, id, 'oneTooMany01'), 'TOO_MANY');
  });
});

describe('points of the emotion curve', () => {
  it('a point has a score, a persona and a label that may be empty', () => {
    const lane = new Y.Doc();
    const id = addEmotionPoint(lane, { stageId: STAGE, score: -2, persona: PERSONA_A, author: TEST_AUTHOR });
    expect(readCard(lane, id)).toMatchObject({ score: -2, persona: PERSONA_A, text: '' });
    updateCardText(lane, id, 'Cannot find the price');
    setEmotionScore(lane, id, 3);
    setEmotionPersona(lane, id, null);
    updateCardText(lane, id, '');
    expect(readCard(lane, id)).toMatchObject({ score: 3, persona: null, text: '' });
  });

  it('refuses a score out of −3…+3 or not whole, and an empty text on a card that is no point', () => {
    const lane = new Y.Doc();
    const id = addEmotionPoint(lane, { stageId: STAGE, score: 0, persona: null, author: TEST_AUTHOR });
    for (const score of [4, -4, 1.5, Number.NaN, '2']) {
      expectRefusal(lane, () => setEmotionScore(lane, id, score as number), 'INVALID_SCORE');
      expectRefusal(
        lane,
        () =>
          addEmotionPoint(lane, {
            stageId: STAGE,
            score: score as number,
            persona: null,
            author: TEST_AUTHOR,
          }),
        'INVALID_SCORE',
      );
    }
    expectRefusal(
      lane,
      () => addEmotionPoint(lane, { stageId: STAGE, score: 1, persona: 'x', author: TEST_AUTHOR }),
      'UNKNOWN_PERSONA',
    );
    const { lane: notes, id: note } = laneWithCard();
    expectRefusal(notes, () => updateCardText(notes, note, ' '), 'EMPTY_TEXT');
  });
});

describe('typed card fields stored by hand: the reader and the server', () => {
  const BAD: [CardTypedField, unknown][] = [
    ['score', 99],
    ['score', 2.5],
    ['score', '1'],
    ['severity', 'urgent'],
    ['channel', 'x'.repeat(5_000_000)],
    ['channel', ''],
    ['channel', ' padded '],
    ['kpiCurrent', 'ten'],
    ['kpiTarget', Number.POSITIVE_INFINITY],
    ['kpiTrend', 'sideways'],
    ['kpiUnit', 'x'.repeat(17)],
    ['moment', false],
    ['moment', 'yes'],
    ['persona', 'no'],
    ['personas', 'persona001'],
    ['personas', []],
    ['personas', ['persona001', 'persona001']],
    ['links', Array.from({ length: 21 }, (_, i) => `linkedCard${String(i).padStart(2, '0')}`)],
    ['links', [42]],
    ['departments', ['not an id']],
    ['attachments', [{ id: 'attachment01' }]],
  ];

  for (const [field, value] of BAD) {
    const shown =
      typeof value === 'string' && value.length > 30 ? `${value.length} characters` : JSON.stringify(value);
    it(`${field} = ${shown}: the server refuses it, and a reader shows the card as invalid`, () => {
      const { lane, id } = laneWithCard();
      const update = updateFrom(lane, (c) => (cardsMap(c).get(id) as Y.Map<unknown>).set(field, value));
      expect(checkLane(lane, update)).toBe('malformed-entry');
      Y.applyUpdate(lane, update);
      const card = readCard(lane, id);
      expect(card?.invalid).toEqual([field]);
      expect(card?.text).toBe('Sees an ad');
    });
  }

  it('a field no card has is named as invalid, and clearing mends the card for the server', () => {
    const { lane, id } = laneWithCard();
    const entry = () => cardsMap(lane).get(id) as Y.Map<unknown>;
    Y.applyUpdate(
      lane,
      updateFrom(lane, (c) => {
        const e = cardsMap(c).get(id) as Y.Map<unknown>;
        e.set('votes', 3);
        e.set('score', 99);
        e.set('links', 'nowhere');
        e.set('text', '');
      }),
    );
    expect(readCard(lane, id)?.invalid.sort()).toEqual(['links', 'score', 'votes']);
    const repair = updateFrom(lane, (c) => clearInvalidFields(c, id));
    expect(checkLane(lane, repair)).toBeNull();
    Y.applyUpdate(lane, repair);
    expect(readCard(lane, id)).toMatchObject({ score: 0, links: [], invalid: [], text: '' });
    expect(entry().has('votes')).toBe(false);
  });

  it('a link to the card itself is refused', () => {
    const { lane, id } = laneWithCard();
    const update = updateFrom(lane, (c) => (cardsMap(c).get(id) as Y.Map<unknown>).set('links', [id]));
    expect(checkLane(lane, update)).toBe('malformed-entry');
  });

  it('an empty text is refused on a card that is no point of the curve', () => {
    const { lane, id } = laneWithCard();
    const update = updateFrom(lane, (c) => (cardsMap(c).get(id) as Y.Map<unknown>).set('text', ''));
    expect(checkLane(lane, update)).toBe('malformed-entry');
  });

  it('an unknown field is refused', () => {
    const { lane, id } = laneWithCard();
    const update = updateFrom(lane, (c) => (cardsMap(c).get(id) as Y.Map<unknown>).set('votes', 3));
    expect(checkLane(lane, update)).toBe('malformed-entry');
  });

  it('the server passes every field as the operations write it', () => {
    const { lane, id } = laneWithCard();
    const update = updateFrom(lane, (c) => {
      setCardChannel(c, id, 'Zalo');
      setCardSeverity(c, id, 'medium');
      setCardPersonas(c, id, [PERSONA_A]);
      linkCards(c, id, 'otherCard001');
      setMomentOfTruth(c, id, true);
      setCardKpi(c, id, { current: -4.5, target: 0, unit: '%', trend: 'flat' });
      setCardDepartments(c, id, ['dept-support']);
      attachToCard(c, id, 'attachment01');
    });
    expect(checkLane(lane, update)).toBeNull();
    const point = updateFrom(lane, (c) =>
      addEmotionPoint(c, { stageId: STAGE, score: -3, persona: PERSONA_B, author: TEST_AUTHOR }),
    );
    expect(checkLane(lane, point)).toBeNull();
  });
});

describe('what a card names, checked against the board when the server knows it', () => {
  const board = {
    has: (kind: string, id: string) =>
      (kind === 'persona' && id === PERSONA_A) ||
      (kind === 'department' && id === 'dept-sales') ||
      (kind === 'attachment' && id === 'attachment01'),
  };
  const check = (doc: Y.Doc, update: Uint8Array) =>
    DocumentGuard.checkOnce(doc, laneKind.content, update, WRITER, { references: board });

  it('passes ids the board has, and refuses a persona, department or file it does not', () => {
    const { lane, id } = laneWithCard();
    expect(
      check(
        lane,
        updateFrom(lane, (c) => setCardPersonas(c, id, [PERSONA_A])),
      ),
    ).toBeNull();
    expect(
      check(
        lane,
        updateFrom(lane, (c) => setCardDepartments(c, id, ['dept-sales'])),
      ),
    ).toBeNull();
    expect(
      check(
        lane,
        updateFrom(lane, (c) => attachToCard(c, id, 'attachment01')),
      ),
    ).toBeNull();
    expect(
      check(
        lane,
        updateFrom(lane, (c) => setCardPersonas(c, id, [PERSONA_B])),
      ),
    ).toBe('unknown-reference');
    expect(
      check(
        lane,
        updateFrom(lane, (c) => setCardDepartments(c, id, ['dept-ghosts'])),
      ),
    ).toBe('unknown-reference');
    expect(
      check(
        lane,
        updateFrom(lane, (c) => attachToCard(c, id, 'elsewhere01')),
      ),
    ).toBe('unknown-reference');
    expect(
      check(
        lane,
        updateFrom(lane, (c) =>
          addEmotionPoint(c, { stageId: STAGE, score: 1, persona: PERSONA_B, author: TEST_AUTHOR }),
        ),
      ),
    ).toBe('unknown-reference');
  });

  it('lets a card keep an id it named before the board lost it, through edits', () => {
    const { lane, id } = laneWithCard();
    setCardPersonas(lane, id, [PERSONA_B]);
    expect(
      check(
        lane,
        updateFrom(lane, (c) => updateCardText(c, id, 'Edited')),
      ),
    ).toBeNull();
    expect(
      check(
        lane,
        updateFrom(lane, (c) => setCardPersonas(c, id, [PERSONA_B, PERSONA_A])),
      ),
    ).toBeNull();
  });
});

describe('a card put back under an id written before', () => {
  it('keeps what it names, even a persona the board no longer has', () => {
    const { lane, id } = laneWithCard();
    setCardPersonas(lane, id, [PERSONA_B]);
    const target = new Y.Doc();
    const references = { has: () => false };
    const recorded = {
      laneId: 'otherLane01',
      recordOf: () => ({ author: TEST_AUTHOR, laneId: 'laneFrom001' }),
      laneDepartment: () => 'shared',
    };
    const move = updateFrom(target, (c) => moveCardToLane(lane, c, id, { stageId: STAGE, index: 0 }));
    expect(
      DocumentGuard.checkOnce(target, laneKind.content, move, WRITER, { references, cards: recorded }),
    ).toBeNull();
    // A card written anew is held to the board's personas.
    const fresh = updateFrom(target, (c) =>
      setCardPersonas(c, addCard(c, { stageId: STAGE, text: 'New', author: TEST_AUTHOR }), [PERSONA_B]),
    );
    expect(DocumentGuard.checkOnce(target, laneKind.content, fresh, WRITER, { references })).toBe(
      'unknown-reference',
    );
  });

  it('a point whose score is malformed reads as a point at 0, and moves as one', () => {
    const lane = new Y.Doc();
    const id = addEmotionPoint(lane, { stageId: STAGE, score: 1, persona: null, author: TEST_AUTHOR });
    (cardsMap(lane).get(id) as Y.Map<unknown>).set('score', 'high');
    expect(readCard(lane, id)).toMatchObject({ score: 0, invalid: ['score'], text: '' });
    const target = new Y.Doc();
    const move = updateFrom(target, (c) => moveCardToLane(lane, c, id, { stageId: STAGE, index: 0 }));
    expect(DocumentGuard.checkOnce(target, laneKind.content, move, WRITER)).toBeNull();
  });
});
