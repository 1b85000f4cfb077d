import {
  type CardColour,
  CHANNELS,
  type Channel,
  type Department,
  type KpiTrend,
  type LaneKind,
  type Severity,
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

/** What a kind of lane holds, in a sentence for the lane picker. */
export function laneKindHelp(kind: LaneKind): string {
  const help: Record<LaneKind, () => string> = {
    touchpoints: m.lane_kind_help_touchpoints,
    channels: m.lane_kind_help_channels,
    actions: m.lane_kind_help_actions,
    thoughts: m.lane_kind_help_thoughts,
    emotions: m.lane_kind_help_emotions,
    painPoints: m.lane_kind_help_painPoints,
    opportunities: m.lane_kind_help_opportunities,
    kpis: m.lane_kind_help_kpis,
    departments: m.lane_kind_help_departments,
    frontstage: m.lane_kind_help_frontstage,
    backstage: m.lane_kind_help_backstage,
    support: m.lane_kind_help_support,
    notes: m.lane_kind_help_notes,
  };
  return help[kind]();
}

/** One of the model's `CHANNELS`. */
export type ListedChannel = Channel;

/** Whether a card's channel is one of the listed ones (else it is a name someone wrote). */
export function isListedChannel(channel: string): channel is ListedChannel {
  return (CHANNELS as readonly string[]).includes(channel);
}

/** A card's channel as shown: a listed one in the reader's language, a written one as written. */
export function channelLabel(channel: string): string {
  if (!isListedChannel(channel)) return channel;
  const labels: Record<ListedChannel, () => string> = {
    website: m.card_kind_channel_website,
    landingPage: m.card_kind_channel_landingPage,
    app: m.card_kind_channel_app,
    social: m.card_kind_channel_social,
    email: m.card_kind_channel_email,
    webinar: m.card_kind_channel_webinar,
    liveChat: m.card_kind_channel_liveChat,
    callCentre: m.card_kind_channel_callCentre,
    store: m.card_kind_channel_store,
    reviewSites: m.card_kind_channel_reviewSites,
    community: m.card_kind_channel_community,
  };
  return labels[channel]();
}

/** A pain point's severity, in the reader's language. */
export function severityLabel(severity: Severity): string {
  const labels: Record<Severity, () => string> = {
    low: m.card_kind_severity_low,
    medium: m.card_kind_severity_medium,
    high: m.card_kind_severity_high,
    critical: m.card_kind_severity_critical,
  };
  return labels[severity]();
}

/** Where a KPI is heading, in the reader's language. */
export function trendLabel(trend: KpiTrend): string {
  const labels: Record<KpiTrend, () => string> = {
    up: m.kpi_trend_up,
    down: m.kpi_trend_down,
    flat: m.kpi_trend_flat,
  };
  return labels[trend]();
}

/**
 * The name of a card's stored field that could not be read (`Card.invalid`, the model's
 * `CARD_TYPED_FIELDS`), in the reader's language; a field this page does not know (written by a
 * newer client) by its stored name.
 */
export function cardFieldLabel(field: string): string {
  const labels: Record<string, () => string> = {
    channel: m.card_kind_field_channel,
    severity: m.card_kind_field_severity,
    kpiCurrent: m.card_kind_field_kpiCurrent,
    kpiTarget: m.card_kind_field_kpiTarget,
    kpiUnit: m.card_kind_field_kpiUnit,
    kpiTrend: m.card_kind_field_kpiTrend,
    departments: m.card_kind_field_departments,
    moment: m.card_kind_field_moment,
    score: m.card_kind_field_score,
    persona: m.card_kind_field_persona,
    personas: m.card_kind_field_personas,
    links: m.card_kind_field_links,
    attachments: m.card_kind_field_attachments,
  };
  return Object.hasOwn(labels, field) ? labels[field]!() : field;
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
