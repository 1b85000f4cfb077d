import type { Channel, Severity } from '../card-fields.ts';
import { SHARED_DEPARTMENT } from '../schema.ts';
import { FIVE_STAGES } from './common.ts';
import { words, type TemplateCardDeclaration, type TemplateDeclaration } from './types.ts';

// B2C retail: the first map of a dental-care retailer (DOMAIN.md), which sells online to shoppers
// and to business buyers (clinics, pharmacies). Its pain points are the map's own, each in the
// stage where the customer meets it, with a severity; the touchpoints, actions and opportunities
// are what such a retailer would put next to them. The two kinds of customer have a pain-point
// lane each, so that a fix for one is not mistaken for a fix for the other.

const [AWARENESS, CONSIDERATION, PURCHASE, RETENTION, ADVOCACY] = [0, 1, 2, 3, 4];

const card =
  (lane: string) =>
  (
    stage: number,
    en: string,
    vi: string,
    fields?: TemplateCardDeclaration['fields'],
  ): TemplateCardDeclaration =>
    fields === undefined
      ? { lane, stage, text: words(en, vi) }
      : { lane, stage, text: words(en, vi), fields };

const touchpoint = (stage: number, channel: Channel | null, en: string, vi: string) =>
  card('touchpoints')(stage, en, vi, channel === null ? undefined : { channel });
const action = card('actions');
const shopperPain = (stage: number, severity: Severity, en: string, vi: string, moment = false) =>
  card('shopperPains')(stage, en, vi, moment ? { severity, moment } : { severity });
const businessPain = (stage: number, severity: Severity, en: string, vi: string) =>
  card('businessPains')(stage, en, vi, { severity });
const opportunity = card('opportunities');

/** B2C retail: the dental-care retailer's pain points, over awareness → advocacy with a purchase stage. */
export const B2C_RETAIL: TemplateDeclaration = {
  stages: [
    FIVE_STAGES[AWARENESS]!,
    FIVE_STAGES[CONSIDERATION]!,
    { name: words('Purchase', 'Mua hàng') },
    FIVE_STAGES[RETENTION]!,
    FIVE_STAGES[ADVOCACY]!,
  ],
  lanes: [
    {
      key: 'touchpoints',
      name: words('Touchpoints', 'Điểm chạm'),
      kind: 'touchpoints',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'actions',
      name: words('Customer actions', 'Hành động của khách hàng'),
      kind: 'actions',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'shopperPains',
      name: words('Pain points: shoppers (B2C)', 'Điểm đau: người mua lẻ (B2C)'),
      kind: 'painPoints',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'businessPains',
      name: words('Pain points: business buyers (B2B)', 'Điểm đau: khách hàng doanh nghiệp (B2B)'),
      kind: 'painPoints',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'opportunities',
      name: words('Opportunities', 'Cơ hội'),
      kind: 'opportunities',
      department: SHARED_DEPARTMENT,
    },
  ],
  cards: [
    touchpoint(AWARENESS, 'social', 'Facebook and Instagram posts', 'Bài đăng trên Facebook và Instagram'),
    touchpoint(AWARENESS, null, "The dentist's recommendation", 'Lời khuyên của nha sĩ'),
    touchpoint(CONSIDERATION, 'website', 'Product pages on the website', 'Trang sản phẩm trên website'),
    touchpoint(
      CONSIDERATION,
      'reviewSites',
      'Reviews on marketplaces',
      'Đánh giá trên các sàn thương mại điện tử',
    ),
    touchpoint(CONSIDERATION, 'email', 'Wholesale price list by email', 'Bảng giá sỉ gửi qua email'),
    touchpoint(PURCHASE, 'website', 'Online checkout', 'Thanh toán trực tuyến'),
    touchpoint(
      PURCHASE,
      'callCentre',
      'Orders from clinics and pharmacies by phone or email',
      'Đơn hàng của phòng khám, nhà thuốc qua điện thoại hoặc email',
    ),
    touchpoint(RETENTION, 'email', 'Order and delivery emails', 'Email xác nhận đơn và giao hàng'),
    touchpoint(RETENTION, 'email', 'Reorder reminder', 'Lời nhắc đặt lại hàng'),
    touchpoint(ADVOCACY, 'reviewSites', 'Product reviews', 'Đánh giá sản phẩm'),
    touchpoint(ADVOCACY, 'social', 'Shared posts and stories', 'Bài đăng và story được chia sẻ'),

    action(
      AWARENESS,
      'Sees a post, or hears of a product from their dentist',
      'Thấy một bài đăng, hoặc được nha sĩ giới thiệu sản phẩm',
    ),
    action(
      CONSIDERATION,
      'Compares brushes and flavours, looks for offers',
      'So sánh bàn chải và hương vị, tìm ưu đãi',
    ),
    action(
      CONSIDERATION,
      "A business buyer looks for the company's offers and what is in stock",
      'Khách doanh nghiệp tìm ưu đãi của công ty và hàng còn trong kho',
    ),
    action(
      PURCHASE,
      'Orders online; a clinic orders in bulk during a promotion',
      'Đặt hàng trực tuyến; phòng khám đặt số lượng lớn khi có khuyến mãi',
    ),
    action(RETENTION, 'Reorders their usual flavour', 'Đặt lại hương vị quen thuộc'),
    action(
      ADVOCACY,
      'Recommends the product to family, writes a review',
      'Giới thiệu sản phẩm cho gia đình, viết đánh giá',
    ),

    shopperPain(
      AWARENESS,
      'medium',
      'No buying directly from the Facebook or Instagram shop',
      'Không mua được trực tiếp trên cửa hàng Facebook hoặc Instagram',
    ),
    shopperPain(
      CONSIDERATION,
      'high',
      'Out-of-stock items vanish from the site entirely',
      'Sản phẩm hết hàng biến mất hoàn toàn khỏi website',
    ),
    shopperPain(
      PURCHASE,
      'critical',
      'After promotions, bulk orders cannot be fulfilled',
      'Sau các đợt khuyến mãi, đơn hàng số lượng lớn không được đáp ứng',
      true,
    ),

    businessPain(
      CONSIDERATION,
      'high',
      "The website does not show the company's special offers, so orders are taken by hand",
      'Website không hiển thị ưu đãi đặc biệt của công ty, nên đơn hàng phải nhận thủ công',
    ),
    businessPain(
      PURCHASE,
      'high',
      'The site shows no stock levels and has no pre-order',
      'Website không hiển thị tồn kho và không cho đặt trước',
    ),
    businessPain(
      PURCHASE,
      'critical',
      'Promotional items are always out of stock',
      'Hàng khuyến mãi luôn hết',
    ),
    businessPain(RETENTION, 'medium', 'One flavour is never in stock', 'Một hương vị không bao giờ có hàng'),

    opportunity(
      AWARENESS,
      "A Facebook and Instagram shop linked to the site's stock",
      'Cửa hàng Facebook và Instagram nối với tồn kho của website',
    ),
    opportunity(
      CONSIDERATION,
      'Keep out-of-stock items on the site, marked "back soon", with a notify-me button',
      'Giữ sản phẩm hết hàng trên website, ghi “sắp có hàng”, kèm nút báo khi có hàng',
    ),
    opportunity(
      CONSIDERATION,
      'Show business buyers their special offers when they sign in',
      'Hiển thị ưu đãi riêng khi khách doanh nghiệp đăng nhập',
    ),
    opportunity(PURCHASE, 'Show stock levels and take pre-orders', 'Hiển thị tồn kho và nhận đặt trước'),
    opportunity(
      PURCHASE,
      'Plan promotion stock from past demand, and cap the quantity per order',
      'Lên kế hoạch hàng khuyến mãi theo nhu cầu trước đây, giới hạn số lượng mỗi đơn',
    ),
    opportunity(
      RETENTION,
      'Back-in-stock alerts and a repeat order for the favourite flavour',
      'Báo khi có hàng và đặt hàng định kỳ cho hương vị yêu thích',
    ),
    opportunity(
      ADVOCACY,
      'Ask for a review once the order has arrived',
      'Mời khách viết đánh giá khi đã nhận hàng',
    ),
  ],
};
