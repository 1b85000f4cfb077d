import type { Channel, Severity } from '../card-fields.ts';
import { SHARED_DEPARTMENT } from '../schema.ts';
import { KPIS, type KpiId } from '../suggestions.ts';
import { FIVE_STAGES, MARKETING, PRODUCT, SALES, SUPPORT } from './common.ts';
import {
  words,
  type TemplateCardDeclaration,
  type TemplateDeclaration,
  type TemplateLaneDeclaration,
  type Words,
} from './types.ts';

// B2B SaaS: the worked B2B map of DOMAIN.md (from a Vietnamese CRM vendor's e-book), all seven
// aspects at all five stages.
//
// Lane owners. The map's departments row names who is responsible at each stage: Marketing at
// awareness; Marketing and Sales at consideration; Sales at decision; Support and Customer care at
// retention; Support, Care and Product at advocacy. A board's lane is written by its department, so
// the opportunities row, which is what those departments act on, is split into one lane per
// responsible department, owned by it and holding its opportunities at the stages the row names it:
// in a workshop each team fills its own lane, and a lead may write only theirs. Customer care is
// the Support department here (its Vietnamese name, "Chăm sóc khách hàng", is customer care). The
// other aspects describe the customer, not one team's work, and stay shared; the departments row
// itself is kept as a lane of cards naming the departments of each stage.

const [AWARENESS, CONSIDERATION, DECISION, RETENTION, ADVOCACY] = [0, 1, 2, 3, 4];

const LANES: readonly TemplateLaneDeclaration[] = [
  {
    key: 'state',
    name: words('Customer state', 'Trạng thái khách hàng'),
    kind: 'actions',
    department: SHARED_DEPARTMENT,
  },
  { key: 'emotion', name: words('Emotion', 'Cảm xúc'), kind: 'emotions', department: SHARED_DEPARTMENT },
  {
    key: 'touchpoints',
    name: words('Touchpoints', 'Điểm chạm'),
    kind: 'touchpoints',
    department: SHARED_DEPARTMENT,
  },
  { key: 'barriers', name: words('Barriers', 'Rào cản'), kind: 'painPoints', department: SHARED_DEPARTMENT },
  {
    key: 'marketing',
    name: words('Marketing opportunities', 'Cơ hội của Marketing'),
    kind: 'opportunities',
    department: MARKETING,
  },
  {
    key: 'sales',
    name: words('Sales opportunities', 'Cơ hội của Kinh doanh'),
    kind: 'opportunities',
    department: SALES,
  },
  {
    key: 'support',
    name: words('Support and care opportunities', 'Cơ hội của Hỗ trợ và Chăm sóc khách hàng'),
    kind: 'opportunities',
    department: SUPPORT,
  },
  {
    key: 'product',
    name: words('Product opportunities', 'Cơ hội của Sản phẩm'),
    kind: 'opportunities',
    department: PRODUCT,
  },
  {
    key: 'departments',
    name: words('Departments responsible', 'Phòng ban phụ trách'),
    kind: 'departments',
    department: SHARED_DEPARTMENT,
  },
  { key: 'metrics', name: words('Metrics', 'Số đo và KPIs'), kind: 'kpis', department: SHARED_DEPARTMENT },
];

const state = (stage: number, en: string, vi: string): TemplateCardDeclaration => ({
  lane: 'state',
  stage,
  text: words(en, vi),
});

// The emotion row as points of the emotion line: the table's words are the labels, the scores
// the curve they describe (a problem to fix, then hope, readiness, a dip while learning the
// product, satisfaction).
const emotion = (stage: number, score: number, en: string, vi: string): TemplateCardDeclaration => ({
  lane: 'emotion',
  stage,
  text: words(en, vi),
  fields: { score },
});

const touchpoint = (stage: number, channel: Channel, en: string, vi: string): TemplateCardDeclaration => ({
  lane: 'touchpoints',
  stage,
  text: words(en, vi),
  fields: { channel },
});

const barrier = (
  stage: number,
  severity: Severity,
  en: string,
  vi: string,
  moment = false,
): TemplateCardDeclaration => ({
  lane: 'barriers',
  stage,
  text: words(en, vi),
  fields: moment ? { severity, moment } : { severity },
});

// An opportunity in its department's lane, carrying that department as the one responsible.
const LANE_DEPARTMENT = new Map(LANES.map((lane) => [lane.key, lane.department]));
const opportunity = (lane: string, stage: number, en: string, vi: string): TemplateCardDeclaration => ({
  lane,
  stage,
  text: words(en, vi),
  fields: { departments: [LANE_DEPARTMENT.get(lane) as string] },
});

const responsible = (stage: number, departments: string[], text: Words): TemplateCardDeclaration => ({
  lane: 'departments',
  stage,
  text,
  fields: { departments },
});

const metric = (stage: number, id: KpiId): TemplateCardDeclaration => {
  const kpi = KPIS[id];
  return { lane: 'metrics', stage, text: kpi.name, fields: { kpi: { unit: kpi.unit } } };
};

/** B2B SaaS: the worked B2B map, seven aspects × the five default stages. */
export const B2B_SAAS: TemplateDeclaration = {
  stages: [
    { ...FIVE_STAGES[AWARENESS]!, timeFrame: words('Weeks 1–4', 'Tuần 1–4') },
    { ...FIVE_STAGES[CONSIDERATION]!, timeFrame: words('Weeks 3–8', 'Tuần 3–8') },
    { ...FIVE_STAGES[DECISION]!, timeFrame: words('Weeks 8–12', 'Tuần 8–12') },
    { ...FIVE_STAGES[RETENTION]!, timeFrame: words('First year', 'Năm đầu tiên') },
    { ...FIVE_STAGES[ADVOCACY]!, timeFrame: words('From the first renewal', 'Từ lần gia hạn đầu') },
  ],
  lanes: LANES,
  cards: [
    state(AWARENESS, 'Exploring', 'Đang tìm hiểu'),
    state(CONSIDERATION, 'Weighing options', 'Đang cân nhắc các lựa chọn'),
    state(DECISION, 'About to buy', 'Sắp mua'),
    state(RETENTION, 'Wants to understand the features', 'Muốn hiểu rõ các tính năng'),
    state(ADVOCACY, 'Solves problems proactively', 'Chủ động giải quyết vấn đề'),

    emotion(AWARENESS, -1, 'Actively looking for a fix', 'Tích cực tìm cách khắc phục'),
    emotion(CONSIDERATION, 1, 'Actively seeking help', 'Tích cực tìm kiếm sự trợ giúp'),
    emotion(DECISION, 2, 'Ready to start', 'Sẵn sàng bắt đầu'),
    emotion(RETENTION, 1, 'Eager to solve the problem', 'Háo hức giải quyết vấn đề'),
    emotion(ADVOCACY, 3, 'Satisfied', 'Hài lòng'),

    touchpoint(AWARENESS, 'website', 'Website', 'Website'),
    touchpoint(AWARENESS, 'landingPage', 'Landing pages', 'Trang đích (landing page)'),
    touchpoint(AWARENESS, 'social', 'Social media and ads', 'Mạng xã hội và quảng cáo'),
    touchpoint(AWARENESS, 'website', 'Blog', 'Blog'),
    touchpoint(CONSIDERATION, 'email', 'Email campaigns', 'Chiến dịch email'),
    touchpoint(CONSIDERATION, 'webinar', 'Webinars', 'Hội thảo trực tuyến (webinar)'),
    touchpoint(CONSIDERATION, 'liveChat', 'Live chat', 'Trò chuyện trực tuyến (live chat)'),
    touchpoint(CONSIDERATION, 'reviewSites', 'Review sites', 'Trang đánh giá'),
    touchpoint(CONSIDERATION, 'community', 'Communities', 'Cộng đồng'),
    touchpoint(DECISION, 'webinar', 'Product demo', 'Demo sản phẩm'),
    touchpoint(DECISION, 'website', 'Usage guides', 'Hướng dẫn sử dụng'),
    touchpoint(RETENTION, 'callCentre', 'Support', 'Hỗ trợ'),
    touchpoint(RETENTION, 'website', 'Basic product knowledge', 'Kiến thức cơ bản về sản phẩm'),
    touchpoint(ADVOCACY, 'app', 'Visual guides', 'Hướng dẫn trực quan'),
    touchpoint(ADVOCACY, 'callCentre', 'Support', 'Hỗ trợ'),

    barrier(AWARENESS, 'medium', 'Weak SEO ranking', 'Thứ hạng SEO yếu'),
    barrier(CONSIDERATION, 'medium', 'Thin quality content', 'Thiếu nội dung chất lượng'),
    barrier(DECISION, 'high', 'Price', 'Giá'),
    barrier(
      DECISION,
      'high',
      'Sales staff lacking product knowledge',
      'Nhân viên kinh doanh thiếu kiến thức về sản phẩm',
      true,
    ),
    barrier(RETENTION, 'medium', 'Users skip details', 'Người dùng bỏ qua chi tiết'),
    barrier(ADVOCACY, 'high', "Features don't fit their goals", 'Tính năng không phù hợp với mục tiêu'),

    opportunity('marketing', AWARENESS, 'Inform', 'Cung cấp thông tin'),
    opportunity(
      'marketing',
      AWARENESS,
      'Show the solution visually',
      'Minh họa giải pháp một cách trực quan',
    ),
    opportunity('marketing', AWARENESS, 'Give value early', 'Mang lại giá trị ngay từ đầu'),
    opportunity(
      'marketing',
      CONSIDERATION,
      'Position the product as the answer',
      'Định vị sản phẩm là câu trả lời',
    ),
    opportunity('sales', CONSIDERATION, 'Build trust', 'Xây dựng niềm tin'),
    opportunity('sales', DECISION, 'Case studies', 'Nghiên cứu điển hình'),
    opportunity('sales', DECISION, 'Cost and ROI comparison', 'So sánh chi phí và ROI'),
    opportunity('sales', DECISION, 'Offer help', 'Đề nghị hỗ trợ'),
    opportunity('support', RETENTION, 'Meetings to share information', 'Gặp gỡ để chia sẻ thông tin'),
    opportunity('support', RETENTION, 'Point to the help pages', 'Chỉ dẫn đến các trang trợ giúp'),
    opportunity('support', ADVOCACY, 'Gather feedback', 'Thu thập phản hồi'),
    opportunity('support', ADVOCACY, 'Nurture the community', 'Nuôi dưỡng cộng đồng'),
    opportunity('product', ADVOCACY, 'Build features that fit', 'Xây dựng tính năng phù hợp'),
    opportunity('product', ADVOCACY, 'Announce improvements', 'Thông báo các cải tiến'),

    responsible(AWARENESS, [MARKETING], words('Marketing', 'Marketing')),
    responsible(CONSIDERATION, [MARKETING, SALES], words('Marketing, Sales', 'Marketing, Kinh doanh')),
    responsible(DECISION, [SALES], words('Sales', 'Kinh doanh')),
    responsible(RETENTION, [SUPPORT], words('Support, Customer care', 'Hỗ trợ, Chăm sóc khách hàng')),
    responsible(
      ADVOCACY,
      [SUPPORT, PRODUCT],
      words('Support, Customer care, Product', 'Hỗ trợ, Chăm sóc khách hàng, Sản phẩm'),
    ),

    metric(AWARENESS, 'leads'),
    metric(AWARENESS, 'mqls'),
    metric(AWARENESS, 'stageConversion'),
    metric(AWARENESS, 'purchaseConversion'),
    metric(CONSIDERATION, 'sqls'),
    metric(CONSIDERATION, 'acquisitionCost'),
    metric(CONSIDERATION, 'lifetimeValue'),
    metric(DECISION, 'closedDeals'),
    metric(DECISION, 'revenue'),
    metric(DECISION, 'averageDealSize'),
    metric(RETENTION, 'supportRequests'),
    metric(RETENTION, 'transactionData'),
    metric(ADVOCACY, 'csat'),
    metric(ADVOCACY, 'nps'),
    metric(ADVOCACY, 'renewals'),
    metric(ADVOCACY, 'churn'),
  ],
};
