import { SHARED_DEPARTMENT } from '../schema.ts';
import { words, type TemplateCardDeclaration, type TemplateDeclaration } from './types.ts';

// Service blueprint: the inside-out layer under a journey (DOMAIN.md, "Beyond the map"): what the
// customer does, what the staff they meet do (frontstage), what happens out of their sight
// (backstage) and the systems and processes behind it (support). The lanes are in that order, so
// that the board draws the line of interaction under the customer actions, the line of visibility
// under the frontstage and the line of internal interaction under the backstage. The example is a
// generic booked service (a repair, a clinic visit), one column per step.

const [FIND, BOOK, ARRIVE, SERVE, PAY] = [0, 1, 2, 3, 4];

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
const action = card('actions');
const frontstage = card('frontstage');
const backstage = card('backstage');
const support = card('support');

/** Service blueprint: customer actions, frontstage, backstage and support processes of a booked service. */
export const SERVICE_BLUEPRINT: TemplateDeclaration = {
  stages: [
    { name: words('Find the service', 'Tìm dịch vụ') },
    { name: words('Book', 'Đặt lịch') },
    { name: words('Arrive', 'Đến nơi') },
    { name: words('Receive the service', 'Nhận dịch vụ') },
    { name: words('Pay and follow up', 'Thanh toán và chăm sóc sau') },
  ],
  lanes: [
    {
      key: 'actions',
      name: words('Customer actions', 'Hành động của khách hàng'),
      kind: 'actions',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'frontstage',
      name: words('Frontstage', 'Tuyến đầu (frontstage)'),
      kind: 'frontstage',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'backstage',
      name: words('Backstage', 'Hậu trường (backstage)'),
      kind: 'backstage',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'support',
      name: words('Support processes', 'Quy trình hỗ trợ'),
      kind: 'support',
      department: SHARED_DEPARTMENT,
    },
  ],
  cards: [
    action(FIND, 'Searches for the service and reads reviews', 'Tìm dịch vụ và đọc đánh giá'),
    action(BOOK, 'Books a time online or by phone', 'Đặt lịch trực tuyến hoặc qua điện thoại'),
    action(ARRIVE, 'Arrives and checks in', 'Đến nơi và làm thủ tục'),
    action(SERVE, 'Receives the service and asks questions', 'Nhận dịch vụ và đặt câu hỏi'),
    action(
      PAY,
      'Pays, gets a receipt, answers a short survey',
      'Thanh toán, nhận hóa đơn, trả lời khảo sát ngắn',
    ),

    frontstage(FIND, 'Website with prices and opening hours', 'Website có bảng giá và giờ mở cửa', {
      channel: 'website',
    }),
    frontstage(BOOK, 'Booking form; receptionist on the phone', 'Mẫu đặt lịch; lễ tân nghe điện thoại', {
      channel: 'callCentre',
    }),
    frontstage(
      ARRIVE,
      'Receptionist greets the customer and checks the booking',
      'Lễ tân chào khách và kiểm tra lịch hẹn',
    ),
    frontstage(
      SERVE,
      'The specialist explains what they will do and what it costs',
      'Chuyên viên giải thích việc sẽ làm và chi phí',
      { moment: true },
    ),
    frontstage(
      PAY,
      'Payment at the desk; thank-you email with the survey',
      'Thanh toán tại quầy; email cảm ơn kèm khảo sát',
      {
        channel: 'email',
      },
    ),

    backstage(
      FIND,
      'Marketing keeps prices and hours up to date',
      'Marketing cập nhật bảng giá và giờ mở cửa',
    ),
    backstage(
      BOOK,
      'Bookings typed again by hand into the staff schedule',
      'Lịch hẹn được nhập lại thủ công vào lịch làm việc của nhân viên',
      { severity: 'medium' },
    ),
    backstage(ARRIVE, 'The specialist is told the customer has arrived', 'Chuyên viên được báo khách đã đến'),
    backstage(SERVE, 'Parts and materials prepared; notes written up', 'Chuẩn bị vật tư; ghi chép hồ sơ'),
    backstage(
      PAY,
      'Invoice issued; feedback reviewed every week',
      'Xuất hóa đơn; xem xét phản hồi hằng tuần',
    ),

    support(
      FIND,
      'Website content system; review monitoring',
      'Hệ thống quản lý nội dung website; theo dõi đánh giá',
    ),
    support(BOOK, 'Booking system and staff calendar', 'Hệ thống đặt lịch và lịch nhân viên'),
    support(ARRIVE, 'Customer records (CRM)', 'Hồ sơ khách hàng (CRM)'),
    support(
      SERVE,
      'Stock system; service procedures and training',
      'Hệ thống kho; quy trình dịch vụ và đào tạo',
    ),
    support(
      PAY,
      'Payment terminal, accounting and survey tools',
      'Máy thanh toán, phần mềm kế toán và công cụ khảo sát',
    ),
  ],
};
