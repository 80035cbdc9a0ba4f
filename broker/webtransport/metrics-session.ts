/**
 * The live metrics application on the WebTransport listener: `/metrics` is its only path (anything else
 * is 404), a session needs a token the page got from the web app with its session cookie (403
 * without), and one address may open only so many sessions (429). An open session gets the hello on a
 * stream the server opens, samples and pongs as datagrams, and reads commands from one stream the page
 * opens. Garbage datagrams and oversized frames are answered with error frames and, past the hub's
 * strike limit, end the session; they never reach further than this file.
 */
import { StreamFrameReader, encodeStreamFrame } from '../../lib/events/metrics-frames';
import { RateLimiter } from '../../lib/server/auth/rate-limit';
import type { MetricsHub } from '../../lib/server/live-metrics/hub';
import type { SessionTokens } from '../../lib/server/live-metrics/session-tokens';
import type { MetricsPeer } from '../../lib/server/live-metrics/subscriber';
import { transportMetrics } from '../../lib/server/metrics';
import { transportLedger } from '../../lib/server/transport-stats/ledger';
import type { Db } from '../../lib/server/store';
import { WT_CLOSE, webTransportCode } from './h3-errors';
import type { SessionOpener } from './quic-listener';
import type { WtSession } from './wt-session';

export const METRICS_WT_PATH = '/metrics';
/** Client frames are at most 13 bytes; a datagram much larger is not ours. */
const MAX_CLIENT_DATAGRAM = 64;
/** A command frame is 6 bytes; a stream holding more than this unframed is refused. */
const MAX_COMMAND_BUFFER = 256;

export interface MetricsSessionOptions {
  hub: MetricsHub;
  tokens: SessionTokens;
  db: () => Db;
  sessionsPerWindow: number;
  windowMs: number;
}

export function metricsSessionOpener(options: MetricsSessionOptions): SessionOpener {
  const limiter = new RateLimiter(options.sessionsPerWindow, options.windowMs);
  return ({ path, query, address }) => {
    if (path !== METRICS_WT_PATH) return { ok: false, status: 404, reason: 'No WebTransport endpoint here' };
    if (limiter.hit(address) > 0)
      return { ok: false, status: 429, reason: 'Too many sessions from this address' };
    const token = query.get('token');
    if (!token)
      return { ok: false, status: 401, reason: 'A token from POST /api/live-metrics/token is required' };
    const grant = options.tokens.consume(token, options.db());
    if (!grant)
      return { ok: false, status: 403, reason: 'Token unknown, expired, used or its session ended' };
    return { ok: true, start: (session) => startSession(session, options.hub) };
  };
}

function startSession(session: WtSession, hub: MetricsHub): void {
  const metrics = transportMetrics('webtransport');
  // Payload bytes only: what QUIC adds around them is read from QUIC's own counters (quic-listener.ts).
  const ledger = transportLedger('webtransport');
  const uni = session.openUniStream();
  if (!uni) return session.close();
  const peer: MetricsPeer = {
    sendLossy(frame) {
      const sent = session.sendDatagram(frame);
      if (sent) {
        metrics.out.inc();
        ledger.frames(1, frame.length, 0);
      } else {
        ledger.shed++;
      }
      return sent;
    },
    sendReliable(frame) {
      // A page that does not read its stream for 256 KiB is gone or broken.
      if (!uni.write(encodeStreamFrame(frame))) return session.close();
      metrics.out.inc();
      ledger.frames(1, frame.length, 0);
    },
    closeForPolicy: () => session.close(),
  };
  metrics.connections.inc();
  const subscriber = hub.add(peer);
  const commands = new StreamFrameReader();
  let commandStream: number | null = null;

  session.handler = {
    onDatagram(payload) {
      metrics.in.inc();
      ledger.frames(1, payload.length, 0);
      if (payload.length > MAX_CLIENT_DATAGRAM)
        return subscriber.refuse(`datagram of ${payload.length} bytes is too large`);
      subscriber.receive(payload);
    },
    onStream(streamId, data, _fin, bidirectional) {
      // One command stream per session, opened by the page; other streams are not part of the protocol.
      if (!bidirectional || (commandStream !== null && commandStream !== streamId)) {
        return session.refuseStream(streamId, webTransportCode(WT_CLOSE.unexpectedStream));
      }
      commandStream = streamId;
      for (const frame of commands.push(data)) {
        metrics.in.inc();
        ledger.frames(1, frame.length, 0);
        subscriber.receive(frame);
      }
      if (commands.buffered > MAX_COMMAND_BUFFER) {
        subscriber.refuse('command frame too large');
        session.close();
      }
    },
    onClose() {
      hub.remove(subscriber);
      metrics.connections.dec();
    },
  };
}
