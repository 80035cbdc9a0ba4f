/**
 * The live metrics panel's connection: WebTransport first, the WebSocket fallback when the browser has
 * no WebTransport or the session is not ready within `wtTimeoutMs`. Reconnects follow the same policy
 * as the live event stream (live-machine.ts: backoff with full jitter, pause in hidden tabs, stop when
 * signed out). Samples feed a SeriesWindow; the charts advance once per step (see `step`).
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
import { SeriesWindow, type ChartRow } from './series-window';
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

export interface ChartView {
  rows: readonly ChartRow[];
  /** Server time (ms) of the charts' right edge once their slide is done. */
  end: number;
}

export class MetricsConnection {
  /** Charts advance (and are redrawn) once per step; see MetricChart for how they stay smooth. */
  static readonly STEP_MS = 250;
  /** 30 s in 250 ms buckets: at most 120 points per line, whatever the rate. */
  readonly series = new SeriesWindow(30_000, MetricsConnection.STEP_MS);
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
  private helloAt = 0;
  private started = false;
  private stepTimer: ReturnType<typeof setInterval> | null = null;
  private view: ChartView = { rows: [], end: 0 };
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
    this.stepTimer = setInterval(() => this.step(), MetricsConnection.STEP_MS);
    this.dispatch({ type: 'start', now: Date.now(), ...page });
  }

  /** Closes everything; `start` may be called again (React strict mode mounts effects twice). */
  dispose(): void {
    this.started = false;
    this.closeLink();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.stepTimer) clearInterval(this.stepTimer);
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

  subscribeFrame = (listener: () => void): (() => void) => {
    this.frameListeners.add(listener);
    return () => void this.frameListeners.delete(listener);
  };
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
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
        this.helloAt = performance.now();
        this.series.clear();
        for (const s of frame.snapshot) this.series.add(s.time, s.values);
        this.serverVersion = frame.serverVersion;
        this.confirmed = { rate: frame.rate, mask: frame.mask };
        if (this.link?.transport === 'webtransport') this.fallbackReason = null;
        if (frame.rate !== this.wanted.rate || frame.mask !== this.wanted.mask) {
          this.link?.send(encodeConfigure(this.wanted.rate, this.wanted.mask), false);
        }
        this.view = { rows: [], end: 0 };
        this.startPings();
        this.dispatch({ type: 'hello', now: Date.now() });
        break;
      case 'sample':
        this.loss.record(frame.seq);
        this.arrivals.push(performance.now());
        this.series.add(frame.time, frame.values);
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

  /**
   * Samples that arrived over the last two seconds (one second shows arrival bursts), per second; just
   * after the hello, over the time since.
   */
  private samplesPerSecond(): number {
    const now = performance.now();
    while (this.arrivals.length > 0 && this.arrivals[0]! < now - 2_000) this.arrivals.shift();
    const seconds = Math.min(2, (now - this.helloAt) / 1000);
    return seconds > 0.5 ? Math.round(this.arrivals.length / seconds) : 0;
  }

  /** What the charts draw: the window's rows and the step they end at. Stable between steps. */
  getView = (): ChartView => this.view;

  /**
   * Once per step: advance the charts' right edge by one step when a newer sample allows it (by more
   * when they fell behind), and tell the charts. Steady steps keep the scrolling smooth even when
   * samples arrive unevenly.
   */
  private step(): void {
    const latest = this.series.latestAt;
    if (latest === null) return;
    const step = MetricsConnection.STEP_MS;
    const newest = Math.floor(latest / step) * step;
    let end = this.view.end + step;
    // Within two seconds the view catches up a step at a time (1 Hz samples still scroll smoothly).
    if (this.view.end === 0 || newest > end + 8 * step || newest < this.view.end) end = newest;
    if (end > newest || (end === this.view.end && this.view.rows === this.series.rows())) return;
    this.view = { rows: this.series.rows(), end };
    this.frameListeners.forEach((l) => l());
  }

  private changed(): void {
    this.statusCache = null;
    const s = this.getStatus();
    publishTransportStatus({ status: s.status, transport: s.transport, fallbackReason: s.fallbackReason });
    this.statusListeners.forEach((l) => l());
  }
}
