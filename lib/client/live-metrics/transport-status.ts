/**
 * What the shell's WebTransport indicator shows: the live metrics connection's state, published by the
 * panel while it is open (null when no panel is open in this tab). A tiny store for
 * useSyncExternalStore, shared across the page without a React context.
 */
import type { LiveStatus } from '../live-machine';
import type { MetricsTransport } from './link';

export interface TransportStatus {
  status: LiveStatus;
  transport: MetricsTransport | null;
  fallbackReason: string | null;
}

let current: TransportStatus | null = null;
const listeners = new Set<() => void>();

export function publishTransportStatus(next: TransportStatus | null): void {
  const same =
    current === next ||
    (current !== null &&
      next !== null &&
      current.status === next.status &&
      current.transport === next.transport &&
      current.fallbackReason === next.fallbackReason);
  if (same) return;
  current = next;
  listeners.forEach((l) => l());
}

export function subscribeTransportStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getTransportStatus(): TransportStatus | null {
  return current;
}
