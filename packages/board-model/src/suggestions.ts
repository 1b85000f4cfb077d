import type { Channel } from './card-fields.ts';
import { words, type Locale, type Words } from './templates/types.ts';

// What the board suggests while a map is being built, from what journey mappers know (DOMAIN.md):
// the touchpoints teams often forget at each stage, the KPIs that measure each stage, and the
// stages teams add beyond the default five. Declared in both languages side by side; read in one.

/**
 * The kinds of stage the suggestions know. A board's stages are named freely, so a stage is
 * matched to one by its name (`stageKeyOf`); a decision stage and a purchase stage are one kind.
 */
export const STAGE_KEYS = [
  'awareness',
  'consideration',
  'purchase',
  'retention',
  'advocacy',
  'service',
  'upsell',
] as const;
/** One of `STAGE_KEYS`. */
export type StageKey = (typeof STAGE_KEYS)[number];

/** A suggested card: its text, and the channel it happens on when it has one (`CHANNELS` id). */
export interface TouchpointSuggestion {
  text: string;
  channel: Channel | null;
}

/** A suggested KPI card: its name (the card's text) and the unit its numbers are in ('' for counts). */
export interface KpiSuggestion {
  text: string;
  unit: string;
}

interface KpiDeclaration {
  name: Words;
  unit: Words;
}

const COUNT = words('', '');
const PERCENT = words('%', '%');

/**
 * The KPIs of DOMAIN.md ("Metrics and KPIs", and the metrics row of the worked B2B map), by id:
 * the B2B template's KPI cards are these too, so a suggestion and a template card read alike.
 */
export const KPIS = {
  leads: { name: words('Leads', 'Khách hàng tiềm năng (lead)'), unit: COUNT },
  mqls: { name: words('MQLs', 'MQL (lead đủ chuẩn marketing)'), unit: COUNT },
  sqls: { name: words('SQLs', 'SQL (lead đủ chuẩn bán hàng)'), unit: COUNT },
  stageConversion: {
    name: words('Stage conversion rate', 'Tỷ lệ chuyển đổi giai đoạn'),
    unit: PERCENT,
  },
  purchaseConversion: {
    name: words('Purchase conversion rate', 'Tỷ lệ chuyển đổi mua hàng'),
    unit: PERCENT,
  },
  acquisitionCost: {
    name: words('Customer acquisition cost', 'Chi phí thu hút khách hàng (CAC)'),
    unit: COUNT,
  },
  lifetimeValue: { name: words('Lifetime value', 'Giá trị vòng đời khách hàng (LTV)'), unit: COUNT },
  closedDeals: { name: words('Closed deals', 'Số giao dịch đã chốt'), unit: COUNT },
  revenue: { name: words('Revenue', 'Doanh thu'), unit: COUNT },
  averageDealSize: { name: words('Average deal size', 'Giá trị giao dịch trung bình'), unit: COUNT },
  supportRequests: { name: words('Support requests', 'Số yêu cầu hỗ trợ'), unit: COUNT },
  transactionData: { name: words('Transaction data', 'Dữ liệu giao dịch'), unit: COUNT },
  csat: { name: words('CSAT', 'CSAT (mức độ hài lòng)'), unit: PERCENT },
  nps: { name: words('NPS', 'NPS (chỉ số sẵn lòng giới thiệu)'), unit: COUNT },
  renewals: { name: words('Renewals', 'Số lượt gia hạn'), unit: COUNT },
  churn: { name: words('Cancellation / churn rate', 'Tỷ lệ hủy / rời bỏ'), unit: PERCENT },
  firstCallResolution: {
    name: words('First-call resolution', 'Tỷ lệ giải quyết ngay lần liên hệ đầu'),
    unit: PERCENT,
  },
  waitTime: { name: words('Wait time', 'Thời gian chờ'), unit: words('min', 'phút') },
  cartAbandonment: { name: words('Cart abandonment rate', 'Tỷ lệ bỏ giỏ hàng'), unit: PERCENT },
  netRetention: { name: words('Net retention rate', 'Tỷ lệ giữ chân doanh thu ròng (NRR)'), unit: PERCENT },
} as const satisfies Record<string, KpiDeclaration>;
/** The id of a KPI of `KPIS`. */
export type KpiId = keyof typeof KPIS;

// By stage: the B2B map's metrics row first, then what the KPI list adds for that stage.
const KPIS_BY_STAGE: Record<StageKey, readonly KpiId[]> = {
  awareness: ['leads', 'mqls', 'stageConversion', 'purchaseConversion'],
  consideration: ['sqls', 'acquisitionCost', 'lifetimeValue', 'stageConversion'],
  purchase: ['closedDeals', 'revenue', 'averageDealSize', 'purchaseConversion', 'cartAbandonment'],
  retention: ['supportRequests', 'transactionData', 'renewals', 'netRetention', 'churn'],
  advocacy: ['csat', 'nps', 'renewals', 'churn'],
  service: ['supportRequests', 'firstCallResolution', 'waitTime', 'csat'],
  upsell: ['netRetention', 'averageDealSize', 'revenue', 'lifetimeValue'],
};

interface TouchpointDeclaration {
  text: Words;
  channel: Channel | null;
}

// The seven overlooked touchpoints of DOMAIN.md, by stage, with the channel each usually happens
// on (none where it happens anywhere, like word of mouth).
const OVERLOOKED_TOUCHPOINTS: Record<StageKey, readonly TouchpointDeclaration[]> = {
  awareness: [
    { text: words('Online reviews and forums', 'Đánh giá trực tuyến và diễn đàn'), channel: 'reviewSites' },
    { text: words('Word of mouth', 'Truyền miệng'), channel: null },
    {
      text: words('Untagged social mentions', 'Lượt nhắc đến trên mạng xã hội không gắn thẻ'),
      channel: 'social',
    },
  ],
  consideration: [
    { text: words('Detailed comparisons', 'So sánh chi tiết'), channel: 'website' },
    { text: words('Case studies', 'Nghiên cứu điển hình'), channel: 'website' },
    {
      text: words(
        'Interactive tools (calculators, configurators)',
        'Công cụ tương tác (máy tính chi phí, trình cấu hình)',
      ),
      channel: 'website',
    },
  ],
  purchase: [
    { text: words('Clear contract terms', 'Điều khoản hợp đồng rõ ràng'), channel: null },
    { text: words('Several payment methods', 'Nhiều phương thức thanh toán'), channel: 'website' },
    {
      text: words('Personalised onboarding material', 'Tài liệu hướng dẫn ban đầu được cá nhân hóa'),
      channel: 'email',
    },
  ],
  retention: [
    { text: words('Personalised contact', 'Liên hệ được cá nhân hóa'), channel: 'email' },
    { text: words('Exclusive offers', 'Ưu đãi dành riêng'), channel: 'email' },
    { text: words('Proactive care', 'Chăm sóc chủ động'), channel: 'callCentre' },
  ],
  advocacy: [
    { text: words('Simple referral programme', 'Chương trình giới thiệu đơn giản'), channel: null },
    { text: words('Community', 'Cộng đồng'), channel: 'community' },
    { text: words('Recognising loyal customers', 'Ghi nhận khách hàng trung thành'), channel: null },
  ],
  service: [
    { text: words('Personal interaction', 'Tương tác trực tiếp với từng khách hàng'), channel: 'callCentre' },
    { text: words('Proactive problem solving', 'Chủ động giải quyết vấn đề'), channel: null },
    { text: words('Collecting feedback', 'Thu thập phản hồi'), channel: 'email' },
  ],
  upsell: [
    { text: words('Personalised suggestions', 'Gợi ý được cá nhân hóa'), channel: 'email' },
    { text: words('Clear value', 'Giá trị rõ ràng'), channel: null },
    { text: words('Sensible timing and frequency', 'Thời điểm và tần suất hợp lý'), channel: null },
  ],
};

// The names a stage of each kind goes by, in either language: matched as `stageKeyOf` says.
const STAGE_NAMES: Record<StageKey, readonly string[]> = {
  awareness: ['Awareness', 'Discovery', 'Discover', 'Nhận biết', 'Nhận thức'],
  consideration: ['Consideration', 'Evaluation', 'Cân nhắc'],
  purchase: ['Purchase', 'Decision', 'Buying', 'Buy', 'Quyết định', 'Mua hàng', 'Mua'],
  retention: ['Retention', 'Duy trì', 'Giữ chân', 'Giữ chân khách hàng'],
  advocacy: ['Advocacy', 'Ủng hộ'],
  service: [
    'Service & support',
    'Service',
    'Support',
    'Customer service',
    'Dịch vụ và hỗ trợ',
    'Dịch vụ',
    'Hỗ trợ',
    'Chăm sóc khách hàng',
  ],
  upsell: [
    'Upsell',
    'Up-sell',
    'Cross-sell',
    'Upsell / cross-sell',
    'Bán thêm',
    'Bán chéo',
    'Bán thêm và bán chéo',
  ],
};

/** The name of each kind of stage, for a picker of suggestions. */
const STAGE_KEY_NAMES: Record<StageKey, Words> = {
  awareness: words('Awareness', 'Nhận biết'),
  consideration: words('Consideration', 'Cân nhắc'),
  purchase: words('Decision / purchase', 'Quyết định / mua hàng'),
  retention: words('Retention', 'Duy trì'),
  advocacy: words('Advocacy', 'Ủng hộ'),
  service: words('Service & support', 'Dịch vụ và hỗ trợ'),
  upsell: words('Upsell', 'Bán thêm'),
};

/** The stages teams add beyond the default five, offered when a stage is added. */
const EXTRA_STAGES: readonly Words[] = [
  words('Onboarding', 'Bắt đầu sử dụng'),
  words('Purchase', 'Mua hàng'),
  words('Service & support', 'Dịch vụ và hỗ trợ'),
  words('Upsell', 'Bán thêm'),
  words('Value realisation', 'Hiện thực hóa giá trị'),
];

/**
 * A name reduced to what matching looks at: no case, no diacritics (đ is d), words of letters and
 * digits only, without "and" / "và" (so "Service & support" and "Service and support" match).
 */
function matchForm(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && word !== 'and' && word !== 'va')
    .join(' ');
}

const NAME_KEYS: readonly { form: string; key: StageKey }[] = STAGE_KEYS.flatMap((key) =>
  STAGE_NAMES[key].map((name) => ({ form: matchForm(name), key })),
)
  // Longest first, so that "Customer service" wins over a shorter name it starts with.
  .sort((a, b) => b.form.length - a.form.length);

/**
 * The kind of stage a stage's name says, in English or Vietnamese, whatever its case and
 * diacritics ("nhan biet" is Awareness): the name itself, or a name it starts with as whole words
 * ("Awareness (week 1)"); null for a stage the suggestions do not know (the page then lets the
 * person pick which suggestions to see).
 */
export function stageKeyOf(stageName: string): StageKey | null {
  const form = matchForm(stageName);
  if (form === '') return null;
  const found = NAME_KEYS.find((entry) => form === entry.form || form.startsWith(`${entry.form} `));
  return found?.key ?? null;
}

/** The name of a kind of stage in `locale` (English for any other value). */
export function stageKeyName(key: StageKey, locale: Locale): string {
  return inLocale(STAGE_KEY_NAMES[key], locale);
}

/** The often overlooked touchpoints of a kind of stage, in `locale`. */
export function overlookedTouchpoints(key: StageKey, locale: Locale): TouchpointSuggestion[] {
  return OVERLOOKED_TOUCHPOINTS[key].map((item) => ({
    text: inLocale(item.text, locale),
    channel: item.channel,
  }));
}

/** The KPIs that measure a kind of stage, in `locale`. */
export function kpiSuggestions(key: StageKey, locale: Locale): KpiSuggestion[] {
  return KPIS_BY_STAGE[key].map((id) => kpiIn(id, locale));
}

/** One KPI of `KPIS` in `locale`. */
export function kpiIn(id: KpiId, locale: Locale): KpiSuggestion {
  const kpi: KpiDeclaration = KPIS[id];
  return { text: inLocale(kpi.name, locale), unit: inLocale(kpi.unit, locale) };
}

/** The stages teams often add (Onboarding, Purchase, Service & support, Upsell, Value realisation). */
export function extraStages(locale: Locale): string[] {
  return EXTRA_STAGES.map((name) => inLocale(name, locale));
}

/** `text` in `locale`, English for a locale it does not know. */
export function inLocale(text: Words, locale: Locale): string {
  return text[locale] ?? text.en;
}
