import 'server-only';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; status: 413 | 415 | 400; error: string };

/** Reads a body as bytes, refusing (413) past `limit` without reading the rest. */
export async function readBytes(request: Request, limit: number): Promise<BytesResult> {
  const tooLarge = { ok: false, status: 413, error: `Body larger than ${limit} bytes.` } as const;
  if (Number(request.headers.get('content-length') ?? '0') > limit) return tooLarge;
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Undoes `Content-Encoding` (gzip or deflate; none), off the event loop, never inflating past
 * `limit` bytes (a small compressed body can expand enormously).
 */
export async function decode(bytes: Buffer, encoding: string | null, limit: number): Promise<BytesResult> {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return { ok: true, bytes };
  if (name !== 'gzip' && name !== 'deflate') {
    return {
      ok: false,
      status: 415,
      error: `Content-Encoding "${name.slice(0, 30)}" is not supported: use gzip or none.`,
    };
  }
  try {
    const out = await (name === 'gzip' ? gunzip : inflate)(bytes, { maxOutputLength: limit });
    return { ok: true, bytes: out };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return { ok: false, status: 413, error: `Body larger than ${limit} bytes once decompressed.` };
    }
    return { ok: false, status: 400, error: `Body is not valid ${name}: ${(error as Error).message}` };
  }
}
