import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyEnvelope, StreamName } from '../../events';
import { getBus } from '../bus';
import { processWide } from '../process-wide';
import { sendError } from '../http/respond';
import { SseHub } from '../sse/hub';
import { parseSseParams } from '../sse/params';
import { getDb } from '../store';
import { publicBusView } from './public-view';
import { monitorsSnapshot } from './views';

const PUBLIC_STREAMS: readonly StreamName[] = ['monitors'];
const PUBLIC_CACHE_MS = 5_000;

/** Ids and names of public monitors, re-read at most every few seconds (cheap per event). */
class PublicMonitors {
  private ids = new Set<number>();
  private names = new Set<string>();
  private loadedAt = 0;

  has(id: number | undefined, name: string): boolean {
    const now = Date.now();
    if (now - this.loadedAt > PUBLIC_CACHE_MS) {
      const rows = getDb().prepare('SELECT id, name FROM monitors WHERE public = 1').all() as { id: number; name: string }[];
      this.ids = new Set(rows.map((r) => r.id));
      this.names = new Set(rows.map((r) => r.name));
      this.loadedAt = now;
    }
    return id !== undefined ? this.ids.has(id) : this.names.has(name);
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}

interface PublicStream {
  hub: SseHub;
  monitors: PublicMonitors;
}

function publicStream(): PublicStream {
  return processWide('public-status-stream', () => {
    const hub = new SseHub(publicBusView(getBus()), { maxBufferBytes: 256 * 1024 });
    hub.setSnapshot('monitors', () => monitorsSnapshot(getDb(), { publicOnly: true }));
    return { hub, monitors: new PublicMonitors() };
  });
}

function isPublicEvent(monitors: PublicMonitors, event: AnyEnvelope): boolean {
  if (event.type === 'monitor-status') return monitors.has(event.data.monitorId, event.data.name);
  if (event.type === 'incident') return monitors.has(event.data.monitorId, event.data.monitor);
  return false;
}

/**
 * GET /api/status/events: the public status page's live stream. No login; only the monitors stream,
 * only public monitors, stripped; resumes with Last-Event-ID like /api/events.
 */
export function handlePublicStatusEvents(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  const header = req.headers['last-event-id'];
  const params = parseSseParams(new URLSearchParams({ lastEventId: query.get('lastEventId') ?? '' }), Array.isArray(header) ? header[0] : header, PUBLIC_STREAMS);
  if (!params.ok) {
    sendError(res, params.status, params.error);
    return;
  }
  const { hub, monitors } = publicStream();
  hub.attach(req, res, {
    streams: PUBLIC_STREAMS,
    lastEventId: params.lastEventId,
    filters: { monitors: (event) => isPublicEvent(monitors, event) },
  });
}

/** A monitor's public flag changed or it was removed: the filter reads the list afresh. */
export function publicMonitorsChanged(): void {
  const stream = (globalThis as unknown as Record<symbol, PublicStream | undefined>)[Symbol.for('signalboard.public-status-stream')];
  stream?.monitors.invalidate();
}

/** Ends every public stream (shutdown). */
export function stopPublicStream(): void {
  const key = Symbol.for('signalboard.public-status-stream');
  const stream = (globalThis as unknown as Record<symbol, PublicStream | undefined>)[key];
  stream?.hub.stop();
  delete (globalThis as unknown as Record<symbol, unknown>)[key];
}
