import 'server-only';
import { processWide } from '../process-wide';
import type { CertificateManager } from './certificates';
import { SessionTokens } from './session-tokens';

/** What route handlers need to know about the running WebTransport listener. */
export interface WebTransportRegistration {
  port: number;
  /** The session path pages open (`https://host:port/<path>`). */
  path: string;
  certificates: CertificateManager;
}

const holder = () =>
  processWide('live-metrics.webtransport', () => ({ current: null as WebTransportRegistration | null }));

/** Called by the live metrics service once the listener is up (and with null when it stops). */
export function registerWebTransport(registration: WebTransportRegistration | null): void {
  holder().current = registration;
}

/** The running listener, or null when WebTransport is not available (port busy, disabled, stopped). */
export function webTransport(): WebTransportRegistration | null {
  return holder().current;
}

/** The token book shared by the token route (which issues) and the listener (which consumes). */
export function sessionTokens(): SessionTokens {
  return processWide('live-metrics.tokens', () => new SessionTokens());
}
