/**
 * Types shared by the monitor engine, its store, the API and (as `import type`) the UI.
 * Isomorphic: no server imports here.
 */
import type { MONITOR_STATUSES } from '../../events/schemas';

export type MonitorStatus = (typeof MONITOR_STATUSES)[number];
/** `mqtt` (device liveness from the broker) is reserved for the telemetry issue: see checks/index.ts. */
export type MonitorType = 'http' | 'tcp' | 'dns' | 'push' | 'mqtt';
export type MonitorSource = 'api' | 'file' | 'simulator';

/** The outcome of one check, as every checker reports it. */
export interface CheckResult {
  ok: boolean;
  /** Response or connect time; null when the check failed before any answer. */
  latencyMs: number | null;
  /** Why it failed, or a short note of what passed ("HTTP 200", "A → 10.0.0.1"). */
  message: string;
  /** HTTPS: when the served certificate expires (epoch ms). */
  certExpiresAt?: number;
}

/** A monitor as the API and the UI see it (the push token only for operators). */
export interface MonitorView {
  id: number;
  name: string;
  type: MonitorType;
  /** "https://api.example/health", "db.internal:5432", "A example.com", "push". */
  target: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  retryIntervalSeconds: number;
  public: boolean;
  paused: boolean;
  source: MonitorSource;
  status: MonitorStatus;
  since: number;
  failures: number;
  lastCheckAt: number | null;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  certExpiresAt: number | null;
  /** Days before expiry from which the certificate is flagged (HTTP monitors). */
  tlsExpiryWarningDays: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface UptimeFigures {
  /** Percentages, null where there were no checks in the window. */
  day: number | null;
  week: number | null;
  month: number | null;
}

export interface MonitorSummary extends MonitorView {
  uptime: UptimeFigures;
  /** The last response times, oldest first (null for failed checks), for the sparkline. */
  recent: (number | null)[];
}

export interface IncidentView {
  id: number;
  monitorId: number | null;
  monitorName: string;
  reason: string | null;
  startedAt: number;
  resolvedAt: number | null;
}

export interface IncidentNote {
  id: number;
  incidentId: number;
  author: string;
  text: string;
  public: boolean;
  createdAt: number;
}

export interface MaintenanceWindow {
  id: number;
  title: string;
  description: string | null;
  /** null: every monitor. */
  monitorIds: number[] | null;
  startsAt: number;
  endsAt: number;
  createdBy: string | null;
  createdAt: number;
}

/** One day of the 90-day bars (UTC days). */
export interface DayBar {
  /** "2026-11-25" */
  day: string;
  start: number;
  checks: number;
  /** Percentage up among checks that were not in maintenance; null with no such checks. */
  uptime: number | null;
  state: 'none' | 'up' | 'degraded' | 'down' | 'maintenance';
  incidents: number;
}
