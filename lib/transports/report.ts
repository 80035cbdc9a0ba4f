/**
 * The Transports page's figures as `GET /api/transports` serves them. Isomorphic: the route builds
 * them, the page validates them with the same schema before showing anything.
 */
import { z } from 'zod';

export const TRANSPORT_IDS = ['ws', 'sse', 'webtransport', 'mqtt'] as const;
export type TransportId = (typeof TRANSPORT_IDS)[number];

const percentiles = z.object({
  p50: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  samples: z.number().int().positive(),
  /** The clock's step: 1 where a figure comes from whole milliseconds (a value of 0 means under 1 ms). */
  resolutionMs: z.number().nonnegative(),
  /** What was timed, in words ("publish → written to the socket", "ping → pong"). */
  what: z.string(),
});
export type Percentiles = z.infer<typeof percentiles>;

export const transportFiguresSchema = z.object({
  transport: z.enum(TRANSPORT_IDS),
  connections: z.number().int().nonnegative(),
  /** Messages both ways per second over the rate window; null until the window has two samples. */
  messagesPerSecond: z.number().nonnegative().nullable(),
  /** Messages both ways within the figures window, and since the server started. */
  messagesInWindow: z.number().int().nonnegative(),
  messagesTotal: z.number().int().nonnegative(),
  /** Bytes on the wire per message, framing included, and the framing part; null without traffic. */
  bytesPerMessage: z.number().nonnegative().nullable(),
  framingPerMessage: z.number().nonnegative().nullable(),
  /** Where the byte figures come from, in words. */
  bytesSource: z.string(),
  /** Server-side delivery time, and a protocol round trip where the protocol has one. */
  delivery: percentiles.nullable(),
  roundTrip: percentiles.nullable(),
  /** Packets lost on the path (lossy transports only): null where the transport retransmits. */
  loss: z
    .object({ lost: z.number().int().nonnegative(), sent: z.number().int().nonnegative(), unit: z.string() })
    .nullable(),
  /** Messages left out on purpose within the window (a reader too slow, a queue full). */
  shed: z.number().int().nonnegative(),
});
export type TransportFigures = z.infer<typeof transportFiguresSchema>;

export const transportsReportSchema = z.object({
  ok: z.literal(true),
  /** Server time of the figures (epoch ms). */
  at: z.number(),
  rateWindowSeconds: z.number().positive(),
  windowSeconds: z.number().positive(),
  transports: z.array(transportFiguresSchema),
});
export type TransportsReport = z.infer<typeof transportsReportSchema>;
