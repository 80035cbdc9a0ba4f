/**
 * The words in each measured cell of the Transports page. Pure: a figure without traffic behind it
 * says so ("no traffic yet", "none in the last minute"), never shows as 0.
 */
import { TRANSPORT_FACTS } from '../../transports/comparison';
import type { Percentiles, TransportFigures, TransportsReport } from '../../transports/report';

export const NO_TRAFFIC = 'no traffic yet';

/** A cell: its main text, and an optional second line in a quieter style. */
export interface Cell {
  text: string;
  detail?: string;
  /** False when the cell says that nothing was measured. */
  measured: boolean;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** Messages per second: one decimal below 10, whole numbers above. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : numberFormat.format(perSecond);
}

/** Milliseconds with the precision a reader can use, and no more than the clock had. */
export function formatMs(ms: number, resolutionMs = 0): string {
  if (resolutionMs >= 1) return ms < 1 ? '< 1 ms' : `${numberFormat.format(ms)} ms`;
  if (ms < 0.01) return '< 0.01 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${numberFormat.format(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 10_000) return `${bytes < 10 ? bytes.toFixed(1) : numberFormat.format(bytes)} B`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Why a window figure is empty: never any traffic, or none lately. */
function quiet(f: TransportFigures, windowSeconds: number): Cell {
  return {
    text: f.messagesTotal === 0 ? NO_TRAFFIC : `no traffic in the last ${windowLabel(windowSeconds)}`,
    measured: false,
  };
}

export function windowLabel(seconds: number): string {
  return seconds === 60 ? 'minute' : `${seconds} s`;
}

export function connectionsCell(f: TransportFigures): Cell {
  return { text: formatCount(f.connections), measured: true };
}

export function rateCell(f: TransportFigures): Cell {
  if (f.messagesTotal === 0) return { text: NO_TRAFFIC, measured: false };
  if (f.messagesPerSecond === null) return { text: 'measuring…', measured: false };
  return {
    text: `${formatRate(f.messagesPerSecond)} msg/s`,
    detail: `${formatCount(f.messagesTotal)} since start`,
    measured: true,
  };
}

export function bytesCell(f: TransportFigures, windowSeconds: number): Cell {
  if (f.bytesPerMessage === null || f.framingPerMessage === null) return quiet(f, windowSeconds);
  const share = f.bytesPerMessage > 0 ? Math.round((100 * f.framingPerMessage) / f.bytesPerMessage) : 0;
  return {
    text: `${formatBytes(f.bytesPerMessage)} per message`,
    detail: `${formatBytes(f.framingPerMessage)} of it framing (${share} %)`,
    measured: true,
  };
}

function percentilesCell(p: Percentiles | null, f: TransportFigures, windowSeconds: number): Cell {
  if (!p && f.messagesInWindow > 0)
    return { text: `nothing timed in the last ${windowLabel(windowSeconds)}`, measured: false };
  if (!p) return quiet(f, windowSeconds);
  return {
    text: `p50 ${formatMs(p.p50, p.resolutionMs)} · p99 ${formatMs(p.p99, p.resolutionMs)}`,
    detail: `${p.what} (${formatCount(p.samples)} timed)`,
    measured: true,
  };
}

export function deliveryCell(f: TransportFigures, windowSeconds: number): Cell {
  if (TRANSPORT_FACTS[f.transport].delivery === 'none')
    return { text: 'not timed', detail: 'a sample is made as it is sent', measured: false };
  return percentilesCell(f.delivery, f, windowSeconds);
}

export function roundTripCell(f: TransportFigures, windowSeconds: number): Cell {
  const kind = TRANSPORT_FACTS[f.transport].roundTrip;
  if (kind === 'none')
    return { text: 'none', detail: 'the protocol has no acknowledgement', measured: false };
  if (kind === 'not-timed')
    return {
      text: 'not timed',
      detail: 'PUBACKs answer the devices, which keep the timing',
      measured: false,
    };
  if (!f.roundTrip && f.connections > 0 && f.messagesTotal > 0)
    return { text: 'waiting for a round trip', measured: false };
  return percentilesCell(f.roundTrip, f, windowSeconds);
}

export function lossCell(f: TransportFigures, windowSeconds: number): Cell {
  const shed = f.shed > 0 ? `${formatCount(f.shed)} shed on purpose (slow reader or full queue)` : undefined;
  if (!f.loss && f.messagesTotal === 0) return { text: NO_TRAFFIC, measured: false };
  if (!f.loss) return { text: 'none: lost packets are resent', detail: shed, measured: true };
  if (f.loss.sent === 0) return quiet(f, windowSeconds);
  const percent = (100 * f.loss.lost) / f.loss.sent;
  return {
    text: `${percent < 0.1 && percent > 0 ? percent.toFixed(2) : percent.toFixed(1)} % lost`,
    detail: [`${formatCount(f.loss.lost)} of ${formatCount(f.loss.sent)} ${f.loss.unit}`, shed]
      .filter(Boolean)
      .join('; '),
    measured: true,
  };
}

/** The page's one-line answer: which transports carry traffic now, connections and messages in all. */
export function glance(report: TransportsReport): string {
  const active = report.transports.filter((f) => f.messagesInWindow > 0);
  const connections = report.transports.reduce((n, f) => n + f.connections, 0);
  const rate = report.transports.reduce((n, f) => n + (f.messagesPerSecond ?? 0), 0);
  const names = active.map((f) => TRANSPORT_FACTS[f.transport].name);
  const carrying =
    active.length === 0
      ? 'No transport carried traffic in the last minute'
      : active.length === report.transports.length
        ? `All ${active.length} transports carrying traffic`
        : `${active.length} of ${report.transports.length} transports carrying traffic (${names.join(', ')})`;
  return `${carrying} · ${formatCount(connections)} connection${connections === 1 ? '' : 's'} · ${formatRate(rate)} msg/s`;
}
