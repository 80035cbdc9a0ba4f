import 'server-only';
import type { z } from 'zod';

export type BodyResult<T> =
  { ok: true; value: T; raw: string } | { ok: false; status: 400 | 413 | 415 | 422; error: string };

/** Reads a request body as text, refusing (413) past `limitBytes` without reading the rest. */
export async function readText(
  request: Request,
  limitBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; status: 413; error: string }> {
  const tooLarge = { ok: false, status: 413, error: `Body larger than ${limitBytes} bytes.` } as const;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limitBytes) return tooLarge;
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** Describes zod issues as "field: message" so the client knows which field to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads and validates a JSON body: 413 past the limit, 415 when not JSON, 400 when it does not parse,
 * 422 naming the fields when it breaks the schema.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  limitBytes = 64 * 1024,
): Promise<BodyResult<z.infer<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return { ok: false, status: 415, error: 'Content-Type must be application/json.' };
  }
  const body = await readText(request, limitBytes);
  if (!body.ok) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch (error) {
    return { ok: false, status: 400, error: `Body is not valid JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) return { ok: false, status: 422, error: describeIssues(result.error) };
  return { ok: true, value: result.data, raw: body.text };
}
