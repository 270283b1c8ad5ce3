import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** How the receiver treats one connection: accept the mail, refuse the recipient (550), or hang up at once. */
export type SmtpMode = 'accept' | 'refuse-recipient' | 'hang-up';

/**
 * The smallest SMTP server that nodemailer talks to, for tests: 220 greeting, EHLO/HELO → 250,
 * MAIL/RCPT → 250, DATA → 354 … `.` → 250, QUIT → 221. Each connection takes the next mode of
 * `modes` (the last one repeats); `answerWith` sets the modes of the next connections.
 */
export async function startSmtpReceiver(modes: SmtpMode[] = ['accept']) {
  const received: ReceivedMail[] = [];
  let queue = [...modes];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const mode = queue.length > 1 ? queue.shift()! : (queue[0] ?? 'accept');
    if (mode === 'hang-up') return void socket.destroy();
    const say = (line: string) => socket.write(`${line}\r\n`);
    let buffer = '';
    let mail: ReceivedMail = { from: '', to: [], data: '' };
    let inData = false;
    say('220 test.local ESMTP ready');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(mail);
          mail = { from: '', to: [], data: '' };
          say('250 2.0.0 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          say('250 test.local');
        } else if (verb === 'MAIL') {
          mail.from = line.slice(10).trim();
          say('250 2.1.0 ok');
        } else if (verb === 'RCPT' && mode === 'refuse-recipient') {
          say('550 5.1.1 no such mailbox');
        } else if (verb === 'RCPT') {
          mail.to.push(line.slice(8).trim());
          say('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'RSET' || verb === 'NOOP') {
          say('250 ok');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else {
          say('502 not implemented');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    answerWith(next: SmtpMode[]) {
      queue = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
