import 'server-only';
import type { EventBus } from '../bus';
import type { Db } from '../store';
import { prepareCheckWriter } from './history';
import { openIncident, resolveIncidents } from './incidents';
import { currentAndUpcoming, isInWindow } from './maintenance';
import { listChannels, type NotificationChannel } from './notify/channels';
import type { StatusChange } from './notify/format';
import type { Notifier } from './notify/queue';
import { applyCheck, type MonitorState } from './state';
import { prepareStatusUpdate, type MonitorRecord } from './store';
import type { CheckResult, MaintenanceWindow, MonitorStatus } from './types';

const CACHE_MS = 15_000;

/**
 * What happens after a check: the status transition (state.ts), the check and its rollups and the
 * monitor's row written in one transaction, an incident opened or resolved, and on a change the
 * `monitor-status` and `incident` events on the bus and the outgoing notifications.
 */
export class CheckRecorder {
  private readonly writeCheck;
  private readonly updateStatus;
  private windows: MaintenanceWindow[] = [];
  private windowsAt = 0;
  private channels: NotificationChannel[] = [];
  private channelsAt = 0;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly notifier: Notifier,
    private readonly linkBase: string | null = null,
  ) {
    this.writeCheck = prepareCheckWriter(db);
    this.updateStatus = prepareStatusUpdate(db);
  }

  /** Maintenance windows not yet over (cached briefly; `invalidate()` after a change). */
  maintenance(now = Date.now()): MaintenanceWindow[] {
    if (now - this.windowsAt > CACHE_MS) {
      this.windows = currentAndUpcoming(this.db, now);
      this.windowsAt = now;
    }
    return this.windows;
  }

  inMaintenance(monitorId: number, now = Date.now()): boolean {
    return isInWindow(this.maintenance(now), monitorId, now);
  }

  invalidate(): void {
    this.windowsAt = 0;
    this.channelsAt = 0;
  }

  /** Applies one result; returns the new state and whether the monitor is retrying. */
  record(
    monitor: MonitorRecord,
    state: MonitorState,
    result: CheckResult,
    extra: { beatAt?: number } = {},
  ): { state: MonitorState; retrying: boolean } {
    const now = Date.now();
    const t = applyCheck(state, result, { retries: monitor.retries, inMaintenance: this.inMaintenance(monitor.id, now), now });
    const status = t.state.status;
    const { opened, resolved } = this.db.transaction(() => {
      this.writeCheck(monitor.id, { at: now, ok: result.ok, status, latencyMs: result.latencyMs, message: result.message });
      this.updateStatus(monitor.id, {
        status,
        since: t.state.since,
        failures: t.state.failures,
        at: now,
        latencyMs: result.latencyMs,
        message: result.message,
        certExpiresAt: result.certExpiresAt,
        beatAt: extra.beatAt,
      });
      return {
        opened: t.incident === 'open' ? openIncident(this.db, monitor, result.message, now) : null,
        resolved: t.incident === 'resolve' ? resolveIncidents(this.db, monitor.id, now) : [],
      };
    }).immediate();
    if (t.changed) this.announce(monitor, state.status, t.state, result, opened, resolved);
    return { state: t.state, retrying: t.retrying };
  }

  private announce(
    monitor: MonitorRecord,
    previous: MonitorStatus,
    state: MonitorState,
    result: CheckResult,
    opened: { id: number; startedAt: number } | null,
    resolved: { id: number; startedAt: number; resolvedAt: number | null }[],
  ): void {
    this.bus.publish('monitor-status', {
      monitorId: monitor.id,
      name: monitor.name,
      status: state.status,
      ...(result.latencyMs !== null ? { latencyMs: result.latencyMs } : {}),
      message: result.message.slice(0, 1000),
      previous,
      since: state.since,
    });
    const incident = opened
      ? { id: opened.id, state: 'open' as const, startedAt: opened.startedAt, resolvedAt: null }
      : resolved[0]
        ? { id: resolved[0].id, state: 'resolved' as const, startedAt: resolved[0].startedAt, resolvedAt: resolved[0].resolvedAt }
        : null;
    if (opened) {
      this.bus.publish('incident', {
        incidentId: opened.id,
        monitor: monitor.name,
        monitorId: monitor.id,
        state: 'open',
        reason: result.message.slice(0, 1000),
        startedAt: opened.startedAt,
      });
    }
    for (const r of resolved) {
      this.bus.publish('incident', {
        incidentId: r.id,
        monitor: monitor.name,
        monitorId: monitor.id,
        state: 'resolved',
        startedAt: r.startedAt,
        ...(r.resolvedAt !== null ? { resolvedAt: r.resolvedAt } : {}),
      });
    }
    // Alerts are for up and down; retrying and maintenance are shown, not sent.
    if (state.status !== 'up' && state.status !== 'down') return;
    if (state.status === 'up' && previous !== 'down') return;
    const change: StatusChange = {
      monitor: { id: monitor.id, name: monitor.name, type: monitor.type, target: monitor.target },
      status: state.status,
      previous,
      message: result.message,
      latencyMs: result.latencyMs,
      at: state.since,
      incident,
      ...(this.linkBase ? { link: `${this.linkBase}/uptime/${monitor.id}` } : {}),
    };
    this.notifier.notify(this.enabledChannels(), change);
  }

  private enabledChannels(): NotificationChannel[] {
    const now = Date.now();
    if (now - this.channelsAt > CACHE_MS) {
      this.channels = listChannels(this.db).filter((c) => c.enabled);
      this.channelsAt = now;
    }
    return this.channels;
  }
}
