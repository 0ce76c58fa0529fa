import http from 'node:http';

// Requests sent exactly as written — path bytes, body bytes — which fetch would normalise
// (dot segments) or refuse. For the hostile-input suite and the authorization matrix.

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  body: Buffer;
}

export function rawRequest(
  base: string,
  options: { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        method: options.method,
        path: options.url,
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: body.toString('utf8'),
            body,
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
