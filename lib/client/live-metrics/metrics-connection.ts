/**
 * The live metrics panel's connection: WebTransport first, the WebSocket fallback when the browser has
 * no WebTransport or the session is not ready within `wtTimeoutMs`. Reconnects follow the same policy
 * as the live event stream (live-machine.ts: backoff with full jitter, pause in hidden tabs, stop when
 * signed out). Samples feed a SeriesWindow whose listeners run once per animation frame at most.
 */
import {
  ALL_METRICS_MASK,
  DEFAULT_RATE_HZ,
  encodeConfigure,
  encodePing,
  type ServerFrame,
} from '../../events/metrics-frames';
import {
  DEFAULT_MACHINE_OPTIONS,
  INITIAL_MACHINE_STATE,
  transition,
  type Effect,
  type LiveStatus,
  type MachineInput,
  type MachineState,
} from '../live-machine';
import type { LinkHandlers, MetricsLink, MetricsTransport } from './link';
import { LossMeter, RttMeter } from './loss-meter';
import { SeriesWindow } from './series-window';
import { publishTransportStatus } from './transport-status';
import { openWebSocketLink } from './websocket-link';
import { hasWebTransport, openWebTransportLink } from './webtransport-link';

export interface MetricsStatus {
  status: LiveStatus;
  transport: MetricsTransport | null;
  /** Why the panel is not on WebTransport, when it is not. */
  fallbackReason: string | null;
  rate: number;
  mask: number;
  rttMs: number | null;
  received: number;
  lost: number;
  lossRatio: number;
  samplesPerSecond: number;
  serverVersion: string | null;
}

export interface MetricsConnectionOptions {
  wtTimeoutMs: number;
  /** After WebTransport failed to open, use the fallback for this long before trying it again. */
  wtRetryAfterMs: number;
  pingEveryMs: number;
  openWebTransport: typeof openWebTransportLink;
  openWebSocket: typeof openWebSocketLink;
  hasWebTransport: () => boolean;
}

const DEFAULTS: MetricsConnectionOptions = {
  wtTimeoutMs: 3_000,
  wtRetryAfterMs: 5 * 60_000,
  pingEveryMs: 1_000,
  openWebTransport: openWebTransportLink,
  openWebSocket: openWebSocketLink,
  hasWebTransport,
};

const raf: (cb: () => void) => unknown =
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (cb) => setTimeout(cb, 16);

export class MetricsConnection {
  /** 30 s in 200 ms buckets: at most 150 points per line, whatever the rate. */
  readonly series = new SeriesWindow(30_000, 200);
  private readonly options: MetricsConnectionOptions;
  private machine: MachineState = INITIAL_MACHINE_STATE;
  private link: MetricsLink | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private readonly loss = new LossMeter();
  private readonly rtt = new RttMeter();
  private readonly arrivals: number[] = [];
  private wtBlockedUntil = 0;
  private fallbackReason: string | null = null;
  private wanted = { rate: DEFAULT_RATE_HZ, mask: ALL_METRICS_MASK };
  private confirmed = { rate: DEFAULT_RATE_HZ, mask: ALL_METRICS_MASK };
  private serverVersion: string | null = null;
  private pingId = 0;
  private started = false;
  private frameQueued = false;
  private lastFlushAt = 0;
  /** What a chart redraw costs on this machine (ms, smoothed), as the charts report it. */
  private redrawMs = 0;
  private statusCache: MetricsStatus | null = null;
  private readonly frameListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();

  constructor(options: Partial<MetricsConnectionOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(page: { online: boolean; visible: boolean }): void {
    if (this.started) return;
    this.started = true;
    this.statsTimer = setInterval(() => this.changed(), 500);
    this.dispatch({ type: 'start', now: Date.now(), ...page });
  }

  /** Closes everything; `start` may be called again (React strict mode mounts effects twice). */
  dispose(): void {
    this.started = false;
    this.closeLink();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.machine = INITIAL_MACHINE_STATE;
    publishTransportStatus(null);
  }

  setVisible = (visible: boolean) => this.dispatch(visible ? { type: 'visible' } : { type: 'hidden' });
  setOnline = (online: boolean, visible: boolean) =>
    this.dispatch(online ? { type: 'network-online', visible } : { type: 'network-offline' });
  retryNow = () => this.dispatch({ type: 'retry-now' });

  /** Asks the server for another rate (1–60 Hz) and metric set; applied on the next connect too. */
  configure(rate: number, mask: number): void {
    this.wanted = { rate, mask };
    this.link?.send(encodeConfigure(rate, mask), false);
    this.changed();
  }

  subscribeFrame = (listener: () => void) => {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  };
  subscribeStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatus = (): MetricsStatus => {
    this.statusCache ??= {
      status: this.machine.status,
      transport: this.machine.status.kind === 'connected' ? (this.link?.transport ?? null) : null,
      fallbackReason: this.fallbackReason,
      rate: this.confirmed.rate,
      mask: this.confirmed.mask,
      rttMs: this.rtt.median,
      received: this.loss.received,
      lost: this.loss.lost,
      lossRatio: this.loss.ratio,
      samplesPerSecond: this.samplesPerSecond(),
      serverVersion: this.serverVersion,
    };
    return this.statusCache;
  };

  private dispatch(input: MachineInput): void {
    if (!this.started) return;
    const { state, effects } = transition(this.machine, input, DEFAULT_MACHINE_OPTIONS);
    this.machine = state;
    for (const effect of effects) this.run(effect);
    this.changed();
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'open':
        this.openLink();
        break;
      case 'close':
        this.closeLink();
        break;
      case 'schedule-retry':
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(
          () => this.dispatch({ type: 'retry-timer', now: Date.now() }),
          effect.delayMs,
        );
        break;
      case 'cancel-retry':
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        break;
      case 'probe-auth':
        void fetch('/api/me', { cache: 'no-store' })
          .then(
            (r) =>
              r.status === 401 &&
              this.machine.status.kind !== 'connected' &&
              this.dispatch({ type: 'signed-out' }),
          )
          .catch(() => undefined);
        break;
    }
  }

  private openLink(): void {
    this.closeLink();
    const available = this.options.hasWebTransport();
    if (!available) this.fallbackReason = 'this browser has no WebTransport';
    if (available && Date.now() >= this.wtBlockedUntil) {
      this.attach((h) => this.options.openWebTransport(h, { timeoutMs: this.options.wtTimeoutMs }));
    } else {
      this.attach((h) => this.options.openWebSocket(h));
    }
  }

  /** Opens a link whose events count only while it is the current one. */
  private attach(open: (handlers: LinkHandlers) => MetricsLink): void {
    let link: MetricsLink | null = null;
    const mine = () => link !== null && this.link === link;
    link = open({
      onFrame: (frame) => mine() && this.handleFrame(frame),
      onClose: ({ opened, reason, signedOut }) => {
        if (!mine()) return;
        this.link = null;
        this.stopPings();
        if (signedOut) return this.dispatch({ type: 'signed-out' });
        if (link?.transport === 'webtransport' && !opened) {
          // WebTransport did not open (UDP blocked, no listener, certificate refused): fall back at once.
          this.fallbackReason = `WebTransport ${reason}`;
          this.wtBlockedUntil = Date.now() + this.options.wtRetryAfterMs;
          this.attach((h) => this.options.openWebSocket(h));
          this.changed();
          return;
        }
        this.dispatch({ type: 'error', now: Date.now() });
      },
    });
    this.link = link;
  }

  private handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'hello':
        this.loss.reset();
        this.rtt.reset();
        this.arrivals.length = 0;
        this.series.clear();
        for (const s of frame.snapshot) this.series.add(s.time, s.values);
        this.serverVersion = frame.serverVersion;
        this.confirmed = { rate: frame.rate, mask: frame.mask };
        if (this.link?.transport === 'webtransport') this.fallbackReason = null;
        if (frame.rate !== this.wanted.rate || frame.mask !== this.wanted.mask) {
          this.link?.send(encodeConfigure(this.wanted.rate, this.wanted.mask), false);
        }
        this.startPings();
        this.dispatch({ type: 'hello', now: Date.now() });
        this.queueFrame();
        break;
      case 'sample':
        this.loss.record(frame.seq);
        this.arrivals.push(performance.now());
        this.series.add(frame.time, frame.values);
        this.queueFrame();
        break;
      case 'pong':
        this.rtt.record(performance.now() - frame.sentAt);
        break;
      case 'config':
        this.confirmed = { rate: frame.rate, mask: frame.mask };
        this.changed();
        break;
      case 'error':
        console.warn(`[live-metrics] server refused a frame: ${frame.reason}`);
        break;
    }
  }

  private startPings(): void {
    this.stopPings();
    this.pingTimer = setInterval(() => {
      this.link?.send(encodePing(++this.pingId, performance.now()), true);
    }, this.options.pingEveryMs);
  }

  private stopPings(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private closeLink(): void {
    this.stopPings();
    const link = this.link;
    this.link = null;
    link?.close();
  }

  private samplesPerSecond(): number {
    const now = performance.now();
    while (this.arrivals.length > 0 && this.arrivals[0]! < now - 1_000) this.arrivals.shift();
    return this.arrivals.length;
  }

  /** The charts report what a redraw cost; the pace of redraws follows it (see queueFrame). */
  reportRedraw(ms: number): void {
    this.redrawMs = this.redrawMs * 0.8 + ms * 0.2;
  }

  /**
   * Charts redraw at most once per animation frame, however many samples arrived in it, and no more
   * often than every 2 × their measured cost: a fast machine redraws every frame at 60 Hz, a slow or
   * busy one fewer times a second but stays responsive (pongs, clicks and scrolling are not starved).
   */
  private queueFrame(): void {
    if (this.frameQueued) return;
    this.frameQueued = true;
    const flush = () =>
      raf(() => {
        this.frameQueued = false;
        this.lastFlushAt = performance.now();
        this.frameListeners.forEach((l) => l());
      });
    const wait = this.lastFlushAt + Math.min(500, 2 * this.redrawMs) - performance.now();
    if (wait > 4) setTimeout(flush, wait);
    else flush();
  }

  private changed(): void {
    this.statusCache = null;
    const s = this.getStatus();
    publishTransportStatus({ status: s.status, transport: s.transport, fallbackReason: s.fallbackReason });
    this.statusListeners.forEach((l) => l());
  }
}
