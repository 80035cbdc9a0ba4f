'use client';

/**
 * The live tail of a selection (containers, levels): first the newest lines from the server's
 * memory, then the stream from exactly there (its `lastEventId`), over a connection of its own so
 * that the server filters for it. Reconnects follow the dashboard's policy (LiveConnection: backoff
 * with jitter, pause in hidden tabs, resume by id); lines are added once per animation frame.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { LiveConnection } from '../live-connection';
import type { LiveStatus } from '../live-machine';
import { LogView } from './log-view';
import { droppedNotice, fetchTail, selectionParams, type DroppedNotice, type Selection } from './logs-api';
import { toViewLine, type LogLevel, type ViewLine } from './view-line';

/** Lines asked for at most per second: what a browser can render smoothly. */
export const TAIL_RATE = 5_000;
/** Lines of history shown when a selection opens. */
export const TAIL_FIRST_PAINT = 1_000;
const HIDDEN_GRACE_MS = 5_000;
const MAX_NOTICES = 5;

export interface LogTail {
  view: LogView;
  /** Changes whenever the view does. */
  version: number;
  status: LiveStatus;
  loading: boolean;
  error: string | null;
  /** Spans the server left out (slow tab, over the rate, too long away), newest last. */
  dropped: DroppedNotice[];
  /** The `logs` snapshot of the latest hello (engine and containers). */
  snapshot: unknown;
  retryNow: () => void;
  setPaused: (paused: boolean) => void;
  clear: () => void;
  dismissDropped: () => void;
}

export function useLogTail(selection: Selection): LogTail {
  const [view] = useState(() => new LogView());
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LiveStatus>({ kind: 'connecting', attempt: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [dropped, setDropped] = useState<DroppedNotice[]>([]);
  const [snapshot, setSnapshot] = useState<unknown>(null);
  const connectionRef = useRef<LiveConnection | null>(null);
  const key = selectionParams(selection).toString();

  useEffect(() => {
    const params = new URLSearchParams(key);
    params.set('logRate', String(TAIL_RATE));
    const abort = new AbortController();
    let connection: LiveConnection | null = null;
    let pending: ViewLine[] = [];
    let frame = 0;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const bump = () => setVersion(view.version);
    const flush = () => {
      frame = 0;
      if (pending.length === 0) return;
      const lines = pending;
      pending = [];
      view.append(lines);
      bump();
    };

    const open = async () => {
      connection?.dispose();
      setLoading(true);
      const tail = await fetchTail(
        {
          containers: params.get('container')?.split(',') ?? null,
          levels: (params.get('level')?.split(',') as LogLevel[] | undefined) ?? null,
        },
        TAIL_FIRST_PAINT,
        abort.signal,
      ).catch(() => null);
      if (abort.signal.aborted) return;
      // 404: none of the containers has logged yet; the stream will bring their first lines.
      setError(tail && !tail.ok && tail.status !== 404 ? tail.error : null);
      const first = tail?.ok ? tail.value.lines : [];
      view.reset(first);
      bump();
      setLoading(false);
      const current = new LiveConnection({
        streams: ['logs'],
        lastEventId: tail?.ok ? tail.value.lastId : null,
        createEventSource: (url) => {
          const source = new EventSource(`${url}&${params.toString()}`);
          source.addEventListener('dropped', (event) => {
            let data: unknown;
            try {
              data = JSON.parse((event as MessageEvent<string>).data);
            } catch {
              return;
            }
            const notice = droppedNotice.safeParse(data);
            if (notice.success) setDropped((list) => [...list.slice(-(MAX_NOTICES - 1)), notice.data]);
          });
          return source;
        },
      });
      connection = current;
      connectionRef.current = current;
      current.store.subscribe('log-line', (event) => {
        if (event.id === null) return;
        pending.push(toViewLine(event.id, event.data, Date.now()));
        frame ||= requestAnimationFrame(flush);
      });
      current.store.onHello((hello) => setSnapshot(hello.snapshot.logs ?? null));
      // The resume point is gone (retention, another server): start over from the tail.
      current.store.onReset(() => void open());
      current.subscribeStatus(() => setStatus(current.getStatus()));
      current.start({ online: navigator.onLine, visible: document.visibilityState !== 'hidden' });
      setStatus(current.getStatus());
    };

    const onVisibility = () => {
      clearTimeout(hideTimer);
      if (document.visibilityState !== 'hidden') connection?.setVisible(true);
      else hideTimer = setTimeout(() => connection?.setVisible(false), HIDDEN_GRACE_MS);
    };
    const onOnline = () => connection?.setOnline(true, document.visibilityState !== 'hidden');
    const onOffline = () => connection?.setOnline(false);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    setDropped([]);
    void open();
    return () => {
      abort.abort();
      clearTimeout(hideTimer);
      if (frame) cancelAnimationFrame(frame);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      connection?.dispose();
      connectionRef.current = null;
    };
  }, [key, view]);

  const setPaused = useCallback(
    (paused: boolean) => {
      view.setPaused(paused);
      setVersion(view.version);
    },
    [view],
  );
  const clear = useCallback(() => {
    view.clear();
    setVersion(view.version);
  }, [view]);

  return {
    view,
    version,
    status,
    loading,
    error,
    dropped,
    snapshot,
    retryNow: () => connectionRef.current?.retryNow(),
    setPaused,
    clear,
    dismissDropped: () => setDropped([]),
  };
}
