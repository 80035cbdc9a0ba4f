/** Parsing of the SSE layer's own messages (`hello`, `reset`), checked like any other input. */
import { z } from 'zod';

const helloSchema = z.object({
  version: z.string().max(200).catch('unknown'),
  serverTime: z.number().catch(0),
  streams: z.array(z.string()).catch([]),
  lastId: z.number().int().nonnegative().catch(0),
  resumedFrom: z.number().int().nonnegative().nullable().catch(null),
  snapshot: z.record(z.string(), z.unknown()).catch({}),
});

export type HelloInfo = z.infer<typeof helloSchema>;

const resetSchema = z.object({ lastId: z.number().int().nonnegative() });

export interface ResetInfo {
  /** The server's newest id: the client resumes from here after reloading its state. */
  lastId: number;
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** A hello whose fields are off still counts as a hello: each bad field falls back to a neutral value. */
export function parseHello(raw: string): HelloInfo | null {
  const parsed = helloSchema.safeParse(json(raw));
  return parsed.success ? parsed.data : null;
}

export function parseReset(raw: string): ResetInfo | null {
  const parsed = resetSchema.safeParse(json(raw));
  return parsed.success ? parsed.data : null;
}
