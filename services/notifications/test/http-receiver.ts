import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server that plays a webhook receiver in tests: it reads each request whole
// and lets the caller answer it (verify a signature, refuse, hang).

export interface RawRequest {
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpReceiver {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly requests: RawRequest[];
  close(): Promise<void>;
}

export type Answer = { status: number; json?: unknown } | 'hang';

export async function startHttpReceiver(answer: (request: RawRequest) => Answer): Promise<HttpReceiver> {
  const requests: RawRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = answer(request);
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
