import {
  type CardColour,
  type Department,
  type LaneKind,
  SHARED_DEPARTMENT,
} from '@journeyboard/board-model';
import type { Role } from '#lib/api.ts';
import type { LinkRelation } from './card-links.ts';
import { m } from '#lib/paraglide/messages.js';

/** The name of a role, in the reader's language. */
export function roleLabel(role: Role): string {
  const labels: Record<Role, () => string> = {
    owner: m.role_owner,
    facilitator: m.role_facilitator,
    lead: m.role_lead,
    participant: m.role_participant,
    viewer: m.role_viewer,
  };
  return labels[role]();
}

/**
 * The name of a department of the board: "Shared" for a shared lane, and a placeholder for a
 * department that was removed since.
 */
export function departmentLabel(departments: readonly Department[], id: string | null): string {
  if (id === null) return '';
  if (id === SHARED_DEPARTMENT) return m.department_shared();
  return departments.find((d) => d.id === id)?.name ?? m.department_unknown();
}

/** The name of a kind of lane, in the reader's language. */
export function laneKindLabel(kind: LaneKind): string {
  const labels: Record<LaneKind, () => string> = {
    touchpoints: m.lane_kind_touchpoints,
    channels: m.lane_kind_channels,
    actions: m.lane_kind_actions,
    thoughts: m.lane_kind_thoughts,
    emotions: m.lane_kind_emotions,
    painPoints: m.lane_kind_painPoints,
    opportunities: m.lane_kind_opportunities,
    kpis: m.lane_kind_kpis,
    departments: m.lane_kind_departments,
    frontstage: m.lane_kind_frontstage,
    backstage: m.lane_kind_backstage,
    support: m.lane_kind_support,
    notes: m.lane_kind_notes,
  };
  return labels[kind]();
}

/** The name of a card colour, in the reader's language. */
export function colourLabel(colour: CardColour): string {
  const labels: Record<CardColour, () => string> = {
    yellow: m.colour_yellow,
    orange: m.colour_orange,
    pink: m.colour_pink,
    purple: m.colour_purple,
    blue: m.colour_blue,
    teal: m.colour_teal,
    green: m.colour_green,
    grey: m.colour_grey,
  };
  return labels[colour]();
}

/** Calm sticky-note colours, readable with dark text. */
export const COLOUR_SWATCHES: Record<CardColour, string> = {
  yellow: '#fff1a8',
  orange: '#ffd6a5',
  pink: '#ffc8dd',
  purple: '#e2d4f7',
  blue: '#cfe3ff',
  teal: '#c4ece6',
  green: '#d4f0c0',
  grey: '#e4e6ea',
};

/** What a link means, as the card that lists it says it ("Caused by", "Answers", …). */
export function linkRelationLabel(relation: LinkRelation): string {
  const labels: Record<LinkRelation, () => string> = {
    causedBy: m.link_causedBy,
    causes: m.link_causes,
    answers: m.link_answers,
    answeredBy: m.link_answeredBy,
    linksTo: m.link_linksTo,
    linkedFrom: m.link_linkedFrom,
  };
  return labels[relation]();
}

/** A linked card's text as a link names it: an emotion point may have none. */
export function linkedCardText(text: string): string {
  return text.trim() === '' ? m.link_untitled() : text;
}
