'use client';

import { usePathname } from 'next/navigation';
import { useLiveConnection, useLiveStatus } from '@/lib/client/use-live-events';
import { LiveIndicator } from './live-indicator';
import { fromLiveStatus, type TransportState } from './transport-state';

const ANNOUNCED: Record<TransportState['kind'], string> = {
  connected: 'connected',
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  paused: 'paused',
  offline: 'offline',
  down: 'down',
  'not-running': 'not running',
};

const ACTION_CLASS = 'ml-1 font-medium underline underline-offset-2 hover:no-underline';

/** The SSE stream's indicator, with a way out when it is down (retry, or sign in again). */
export function SseIndicator({ label = 'SSE', announce = false }: { label?: string; announce?: boolean }) {
  const connection = useLiveConnection();
  const status = useLiveStatus();
  const pathname = usePathname();
  const state = fromLiveStatus(status);
  let action: React.ReactNode = null;
  if (state.kind === 'down' && state.reason === 'signed-out') {
    action = (
      <a className={ACTION_CLASS} href={`/login?next=${encodeURIComponent(pathname)}`}>
        Sign in
      </a>
    );
  } else if (state.kind === 'down' || state.kind === 'reconnecting') {
    action = (
      <button type="button" className={ACTION_CLASS} onClick={() => connection.retryNow()}>
        Retry now
      </button>
    );
  }
  return (
    <>
      <LiveIndicator label={label} state={state} title="Server-Sent Events: /api/events" action={action} />
      {/* One announcer per page (the header's): state changes, never the ticking countdown. */}
      {announce && (
        <span role="status" className="sr-only">
          {`Live updates: ${ANNOUNCED[state.kind]}`}
        </span>
      )}
    </>
  );
}
