// The SMTP side of mail delivery (nodemailer): plain text plus a minimal HTML part that carries the text direction.
import nodemailer from 'nodemailer';
import type { SendMail } from './outbox-mail.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function smtpSender(s: SmtpSettings): SendMail {
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure ?? false,
    ignoreTLS: !s.secure,
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
    connectionTimeout: 5000,
    greetingTimeout: 5000,
  });
  return async (mail) => {
    await transport.sendMail({
      from: s.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: `<div dir="${mail.dir}">${escapeHtml(mail.text).replace(/\n/g, '<br>')}</div>`,
      messageId: mail.messageId,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType })),
    });
  };
}
