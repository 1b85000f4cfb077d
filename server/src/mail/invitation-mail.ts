import nodemailer, { type Transporter } from 'nodemailer';
import type { Role } from '@journeyboard/board-model';

/** What an invitation email says: the board, the role, who invited, and the link that takes it up. */
export interface InvitationMail {
  to: string;
  boardTitle: string;
  role: Exclude<Role, 'owner'>;
  inviterName: string;
  link: string;
  expiresAt: number;
}

// The server does not know the invitee's language: the mail says everything in English, then in
// Vietnamese, the two languages of the app.
const ROLE_NAMES: Record<InvitationMail['role'], { en: string; vi: string }> = {
  facilitator: { en: 'facilitator', vi: 'người điều phối' },
  lead: { en: 'department lead', vi: 'trưởng bộ phận' },
  participant: { en: 'participant', vi: 'người tham gia' },
  viewer: { en: 'viewer', vi: 'người xem' },
};

/** Sends invitation emails through the mail server of SMTP_URL. */
export class InvitationMailer {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(smtpUrl: string, from: string) {
    // A mail server that does not answer must not hold the inviter's request for minutes.
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    this.from = from;
  }

  async send(mail: InvitationMail): Promise<void> {
    const role = ROLE_NAMES[mail.role];
    const until = new Date(mail.expiresAt).toISOString().slice(0, 10);
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: `${mail.inviterName} invited you to “${mail.boardTitle}” · Lời mời tham gia bảng`,
      text: [
        `${mail.inviterName} invited you to the board “${mail.boardTitle}” on Journeyboard as ${role.en}.`,
        '',
        `Open this link to accept the invitation (it works once, until ${until}):`,
        mail.link,
        '',
        'If you did not expect this invitation, ignore this email.',
        '',
        '—',
        '',
        `${mail.inviterName} đã mời bạn tham gia bảng “${mail.boardTitle}” trên Journeyboard với vai trò ${role.vi}.`,
        '',
        `Mở liên kết này để chấp nhận lời mời (chỉ dùng được một lần, đến hết ngày ${until}):`,
        mail.link,
        '',
        'Nếu bạn không chờ lời mời này, hãy bỏ qua email này.',
      ].join('\n'),
    });
  }
}
