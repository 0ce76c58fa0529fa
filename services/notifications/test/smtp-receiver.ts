import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on a free loopback port (smtp-server), parsing each mail it accepts
// (mailparser): the email channel is tested against it, never a mock transport.

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

export interface SmtpReceiver {
  url: string;
  mails: ReceivedMail[];
  /** Answer the next `count` mails with a temporary refusal (451). */
  failNext(count: number): void;
  /** Refuse this recipient for good (550). */
  refuse(address: string): void;
  /** Take the next `count` mails whole and never answer them. */
  hangNext(count: number): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const refused = new Set<string>();
  let failing = 0;
  let hanging = 0;
  const server = new SMTPServer({
    authOptional: true,
    // A session left hanging is cut at close, not waited for (30 s by default).
    closeTimeout: 200,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      if (hanging > 0) {
        hanging--;
        stream.resume(); // read it all, answer nothing
        return;
      }
      if (failing > 0) {
        failing--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: mail.headers as Map<string, unknown>,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext: (count) => {
      failing = count;
    },
    refuse: (address) => refused.add(address.toLowerCase()),
    hangNext: (count) => {
      hanging = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
