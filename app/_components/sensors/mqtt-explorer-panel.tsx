'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { checkTopicFilter } from '@/lib/events/mqtt-topics';
import { formatClock } from '@/lib/client/format-time';
import {
  MqttExplorer,
  setCurrentExplorer,
  type ExplorerMessage,
  type ExplorerSnapshot,
} from '@/lib/client/sensors/mqtt-explorer';
import { LiveIndicator } from '../live/live-indicator';
import { explorerTransportState } from './mqtt-state';
import { BUTTON, INPUT } from './sensor-style';

const HIDDEN_GRACE_MS = 10_000;
const IDLE: ExplorerSnapshot = {
  state: { kind: 'connecting' },
  filter: 'sensors/#',
  messages: [],
  received: 0,
  subscribeError: null,
};
const noop = () => () => undefined;

function Row({ m }: { m: ExplorerMessage }) {
  return (
    <li className="flex min-w-0 flex-wrap gap-x-2 px-2 py-0.5 odd:bg-slate-50 dark:odd:bg-slate-900/60">
      <span className="text-slate-500">{formatClock(m.at)}</span>
      <span className="min-w-0 break-all text-sky-700 dark:text-sky-300">{m.topic}</span>
      <span className="text-slate-500">
        q{m.qos}
        {m.retain ? ' retained' : ''}
      </span>
      {/* On a phone the payload takes its own line; on a wide screen it follows the topic. */}
      <span className="min-w-0 basis-full break-all text-slate-800 sm:flex-1 sm:basis-auto dark:text-slate-200">
        {m.text || <em>(empty)</em>}
      </span>
    </li>
  );
}

/**
 * Raw MQTT traffic, seen from this browser: mqtt.js over WebSocket at `/mqtt`, signed in by the
 * session, read-only (subscriptions under `sensors/` only; publishing is refused by the broker).
 */
export function MqttExplorerPanel() {
  const [explorer, setExplorer] = useState<MqttExplorer | null>(null);
  const snapshot = useSyncExternalStore(
    explorer?.subscribe ?? noop,
    explorer?.getSnapshot ?? (() => IDLE),
    () => IDLE,
  );
  const [text, setText] = useState('sensors/#');
  const [error, setError] = useState<string | null>(null);
  const [frozen, setFrozen] = useState<{ messages: readonly ExplorerMessage[]; received: number } | null>(
    null,
  );

  useEffect(() => {
    let created: MqttExplorer | null = null;
    let cancelled = false;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    // mqtt.js is loaded only when the explorer opens: the rest of the page paints without it.
    void import('mqtt').then(({ default: mqtt }) => {
      if (cancelled) return;
      created = new MqttExplorer(url, 'sensors/#', (u, o) => mqtt.connect(u, o));
      setCurrentExplorer(created);
      setExplorer(created);
      if (document.visibilityState !== 'hidden') created.start();
    });
    const onVisibility = () => {
      clearTimeout(hideTimer);
      if (!created) return;
      if (document.visibilityState === 'hidden')
        hideTimer = setTimeout(() => created?.stop(true), HIDDEN_GRACE_MS);
      else created.start();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(hideTimer);
      document.removeEventListener('visibilitychange', onVisibility);
      created?.stop();
      setCurrentExplorer(null);
    };
  }, []);

  const subscribe = (event: React.FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    const check = checkTopicFilter(value);
    if (!check.ok) return setError(`Not an MQTT filter: ${check.error}.`);
    if (!value.startsWith('sensors/'))
      return setError('The explorer reads under sensors/ only (browsers are read-only).');
    setError(null);
    explorer?.setFilter(value);
  };

  const shown = frozen?.messages ?? snapshot.messages;
  const waiting = frozen ? snapshot.received - frozen.received : 0;

  return (
    <div className="space-y-2 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <LiveIndicator
          label="MQTT · WebSocket"
          state={explorerTransportState(explorer ? snapshot.state : null)}
          title="mqtt.js over /mqtt with your session, read-only"
        />
        <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
          {snapshot.received} messages on <code className="font-mono">{snapshot.filter}</code>
        </span>
      </div>
      <form
        onSubmit={subscribe}
        className="flex flex-wrap items-center gap-2"
        aria-label="Explorer subscription"
      >
        <label htmlFor="explorer-filter" className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Subscribe to
        </label>
        <input
          id="explorer-filter"
          className={`${INPUT} min-w-0 basis-full font-mono sm:flex-1 sm:basis-auto`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" className={BUTTON}>
          Subscribe
        </button>
        <button
          type="button"
          className={BUTTON}
          aria-pressed={frozen !== null}
          onClick={() =>
            setFrozen(frozen ? null : { messages: snapshot.messages, received: snapshot.received })
          }
        >
          {frozen ? `Resume${waiting > 0 ? ` (${waiting} new)` : ''}` : 'Pause'}
        </button>
        <button type="button" className={BUTTON} onClick={() => explorer?.clear()}>
          Clear
        </button>
      </form>
      {(error ?? snapshot.subscribeError) && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error ?? `Subscription refused: ${snapshot.subscribeError}`}
        </p>
      )}
      {frozen && (
        <p className="text-xs font-medium text-amber-700 dark:text-amber-300">
          Paused · {waiting} new messages waiting
        </p>
      )}
      <div className="max-h-80 overflow-y-auto rounded border border-slate-200 dark:border-slate-800">
        {shown.length === 0 ? (
          <p className="p-3 text-sm text-slate-500 dark:text-slate-400">
            Waiting for messages on {snapshot.filter} — retained values arrive first, then live traffic.
          </p>
        ) : (
          <ul aria-label="MQTT messages" className="font-mono text-xs">
            {shown.map((m) => (
              <Row key={m.seq} m={m} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
