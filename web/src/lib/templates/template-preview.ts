import {
  buildTemplate,
  type LaneKind,
  type Locale,
  SHARED_DEPARTMENT,
  type TemplateId,
} from '@journeyboard/board-model';

// The small picture of a template the new-board form shows: one column per stage, one row per lane,
// each row in the colour of its kind *and* marked with its kind's sign, so that colour is never the
// only thing that tells two rows apart; a cell shows how many cards the template puts there.

/** A sign and a colour for each kind of lane: signs that read the same in every language. */
export const LANE_KIND_MARKS: Record<LaneKind, { sign: string; colour: string }> = {
  touchpoints: { sign: '◎', colour: '#cfe3ff' },
  channels: { sign: '⇄', colour: '#d9dcf7' },
  actions: { sign: '▸', colour: '#c4ece6' },
  thoughts: { sign: '…', colour: '#e4e6ea' },
  emotions: { sign: '♥', colour: '#ffc8dd' },
  painPoints: { sign: '!', colour: '#ffd6a5' },
  opportunities: { sign: '★', colour: '#d4f0c0' },
  kpis: { sign: '#', colour: '#fff1a8' },
  departments: { sign: '⌂', colour: '#e2d4f7' },
  frontstage: { sign: '▲', colour: '#bfe6f5' },
  backstage: { sign: '▼', colour: '#d6d9de' },
  support: { sign: '⚙', colour: '#e9dcc9' },
  notes: { sign: '✎', colour: '#eeeeee' },
};

/** One row of a preview: its lane's kind, whether a department owns it, and its cards by stage. */
export interface PreviewRow {
  kind: LaneKind;
  owned: boolean;
  cards: number[];
}

/** What the preview of a template draws, and what its text says. */
export interface TemplatePreview {
  stages: number;
  rows: PreviewRow[];
  cards: number;
}

/** The preview of template `id` as built in `locale`. Pure. */
export function templatePreview(id: TemplateId, locale: Locale): TemplatePreview {
  const built = buildTemplate(id, locale, id);
  const stages = built.board.stages.length;
  const rows = built.board.lanes.map((lane) => ({
    kind: lane.kind,
    owned: (lane.department ?? SHARED_DEPARTMENT) !== SHARED_DEPARTMENT,
    cards: Array.from({ length: stages }, () => 0),
  }));
  for (const card of built.cards) {
    const row = rows[card.laneIndex];
    if (row) row.cards[card.stageIndex] = (row.cards[card.stageIndex] ?? 0) + 1;
  }
  return { stages, rows, cards: built.cards.length };
}
