import 'server-only';
import type { IncomingMessage } from 'node:http';

export type NodeBody = { ok: true; text: string } | { ok: false; status: 413; error: string };

/**
 * Reads a node:http request body as UTF-8 text, refusing (413) past `limitBytes`: a declared length
 * over the limit is refused before reading, and a body that grows past it stops being buffered.
 */
export function readNodeText(req: IncomingMessage, limitBytes: number): Promise<NodeBody> {
  const tooLarge = { ok: false, status: 413, error: `Body larger than ${limitBytes} bytes.` } as const;
  if (Number(req.headers['content-length'] ?? '0') > limitBytes) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.byteLength;
      if (size > limitBytes) {
        refused = true;
        chunks.length = 0;
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}
