import { createTransport, type Transporter } from 'nodemailer';
import { type Channel, DeliveryError } from './port.ts';
import { html, plainText } from './render.ts';

// Email through SMTP (nodemailer): Chinese subject, a plain-text and an HTML body, both
// Chinese first. One pooled transport for the process. An SMTP 5xx on the recipient is
// permanent (no such mailbox); refusals of the connection and 4xx are tried again.

export interface EmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  smtpUrl: string;
  /** The From header, e.g. `parkmatch 招商通知 <noreply@example.cn>`. */
  from: string;
  timeoutMs?: number;
}

export function emailChannel({ smtpUrl, from, timeoutMs = 15_000 }: EmailOptions): Channel {
  const url = new URL(smtpUrl);
  const transport: Transporter = createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // A local relay without a certificate is common; STARTTLS is still used when offered.
    ...(url.searchParams.get('tls') === 'insecure' ? { tls: { rejectUnauthorized: false } } : {}),
    pool: true,
    maxConnections: 4,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    type: 'email',
    async send(message, target) {
      try {
        await transport.sendMail({
          from,
          to: target.address,
          subject: message.subject.zh,
          text: plainText(message),
          html: html(message),
          headers: { 'X-Parkmatch-Notification': message.id },
          messageId: `<${message.id.replace(/[^\w.-]/g, '_')}@parkmatch>`,
        });
      } catch (error) {
        const { responseCode, code } = error as { responseCode?: number; code?: string };
        const permanent = typeof responseCode === 'number' && responseCode >= 500 && code === 'EENVELOPE';
        const reason =
          code === 'ETIMEDOUT'
            ? `no answer in ${timeoutMs} ms`
            : error instanceof Error
              ? error.message
              : String(error);
        throw new DeliveryError(`SMTP ${responseCode ?? code ?? ''}: ${reason}`.trim(), {
          permanent,
          cause: error,
        });
      }
    },
    async close() {
      transport.close();
    },
  };
}
