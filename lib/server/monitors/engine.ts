import 'server-only';
import type { Db } from '../store';
import { runCheck } from './checks';
import { MinHeap } from './min-heap';
import { beatDeadlineMs, beatReference, missingBeat } from './push-deadline';
import type { CheckRecorder } from './recorder';
import { DriftStats, phaseOf, planNext } from './schedule';
import type { MonitorState } from './state';
import { getMonitor, listMonitors, type MonitorRecord } from './store';
import type { CheckResult } from './types';

export interface EngineOptions {
  /** Checks running at once at most; more due checks wait their turn (and that lateness is measured). */
  concurrency?: number;
  /** First checks after a start are spread over this much time at most. */
  startSpreadMs?: number;
  log?: (line: string) => void;
}

interface Slot {
  monitor: MonitorRecord;
  state: MonitorState;
  /** Bumped on every change; heap entries and results of an older generation are ignored. */
  gen: number;
  running: AbortController | null;
}

interface Entry {
  id: number;
  gen: number;
  due: number;
}

/** Extra time a checker gets past its timeout before the watchdog calls it failed. */
const WATCHDOG_GRACE_MS = 2_000;
const MAINTENANCE_POLL_MS = 5_000;

/**
 * Runs every active monitor on its schedule (schedule.ts): one timer for the soonest due check, a
 * concurrency limit, at most one check in flight per monitor (the next one is planned only when the
 * current one ends, and every check ends by its timeout), and lateness measured at each start. Push
 * monitors are passive: their beats are recorded as they arrive and a scheduled evaluation notices a
 * missing one.
 */
export class MonitorEngine {
  private readonly slots = new Map<number, Slot>();
  private readonly heap = new MinHeap<Entry>((a, b) => a.due < b.due);
  private readonly waiting: Entry[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private maintenanceTimer: NodeJS.Timeout | null = null;
  private maintenanceKey = '';
  private stopped = false;
  private readonly startedAt = Date.now();
  readonly drift = new DriftStats();
  readonly counters = { checks: 0, missedSlots: 0, watchdog: 0 };
  private readonly concurrency: number;
  private readonly startSpreadMs: number;

  constructor(
    private readonly db: Db,
    private readonly recorder: CheckRecorder,
    private readonly options: EngineOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 64;
    this.startSpreadMs = options.startSpreadMs ?? 30_000;
  }

  /** Loads every monitor that is not paused and schedules its first check within the start spread. */
  start(): void {
    const now = Date.now();
    for (const monitor of listMonitors(this.db)) {
      if (monitor.paused) continue;
      const spread = Math.min(monitor.intervalSeconds * 1000, this.startSpreadMs);
      this.add(monitor, now + 200 + phaseOf(monitor.id, spread));
    }
    this.maintenanceKey = this.activeWindowKey(now);
    this.maintenanceTimer = setInterval(() => this.watchMaintenance(), MAINTENANCE_POLL_MS);
    this.maintenanceTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer);
    for (const slot of this.slots.values()) slot.running?.abort();
    this.slots.clear();
  }

  /** (Re)loads one monitor after a create, edit or resume; a changed monitor is checked at once. */
  upsert(id: number): void {
    const monitor = getMonitor(this.db, id);
    this.remove(id);
    if (!monitor || monitor.paused || this.stopped) return;
    this.add(monitor, Date.now() + 50);
  }

  remove(id: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.gen++;
    slot.running?.abort();
    this.slots.delete(id);
  }

  /** A push beat arrived: record it now and push the missing-beat evaluation back. */
  recordBeat(id: number, result: CheckResult): boolean {
    const slot = this.slots.get(id);
    if (!slot || slot.monitor.type !== 'push') return false;
    const at = Date.now();
    // A client beating many times a second costs one write a second at most.
    if (result.ok && slot.state.status === 'up' && at - (slot.monitor.lastBeatAt ?? 0) < 1000) return true;
    const { state } = this.recorder.record(slot.monitor, slot.state, result, { beatAt: at });
    slot.state = state;
    slot.monitor = { ...slot.monitor, lastBeatAt: at };
    slot.gen++;
    this.schedule(slot, at + beatDeadlineMs(slot.monitor));
    return true;
  }

  /** Maintenance windows changed: re-check the monitors whose maintenance state flips now. */
  maintenanceChanged(): void {
    this.recorder.invalidate();
    this.watchMaintenance(true);
  }

  /** Channels changed: the next notification reads them afresh. */
  channelsChanged(): void {
    this.recorder.invalidate();
  }

  stats() {
    return {
      monitors: this.slots.size,
      running: this.running,
      waiting: this.waiting.length,
      concurrency: this.concurrency,
      checks: this.counters.checks,
      missedSlots: this.counters.missedSlots,
      watchdog: this.counters.watchdog,
      driftMs: this.drift.summary(),
    };
  }

  private add(monitor: MonitorRecord, firstDue: number): void {
    const slot: Slot = {
      monitor,
      state: { status: monitor.status, since: monitor.since, failures: monitor.failures },
      gen: 0,
      running: null,
    };
    this.slots.set(monitor.id, slot);
    this.schedule(slot, monitor.type === 'push' ? beatReference(monitor, this.startedAt) + beatDeadlineMs(monitor) : firstDue);
  }

  private schedule(slot: Slot, due: number): void {
    this.heap.push({ id: slot.monitor.id, gen: slot.gen, due });
    if (due < this.timerAt) this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    const top = this.heap.peek();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    if (!top) return;
    this.timerAt = top.due;
    this.timer = setTimeout(() => this.fire(), Math.max(0, top.due - Date.now()));
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = Date.now();
    for (let top = this.heap.peek(); top && top.due <= now; top = this.heap.peek()) {
      this.heap.pop();
      const slot = this.slots.get(top.id);
      if (!slot || slot.gen !== top.gen) continue;
      // Still finishing its previous check (a beat raced an evaluation): look again shortly, never drop it.
      if (slot.running) {
        this.heap.push({ ...top, due: now + 100 });
        continue;
      }
      if (this.running >= this.concurrency) this.waiting.push(top);
      else this.begin(slot, top);
    }
    this.arm();
  }

  private begin(slot: Slot, entry: Entry): void {
    const startedAt = Date.now();
    this.drift.record(startedAt - entry.due);
    this.running++;
    const controller = new AbortController();
    slot.running = controller;
    const monitor = slot.monitor;
    const timeoutMs = monitor.timeoutSeconds * 1000;
    let watchdog: NodeJS.Timeout | undefined;
    const check: Promise<CheckResult | null> =
      monitor.type === 'push'
        ? Promise.resolve(missingBeat(monitor, startedAt, this.startedAt))
        : Promise.race([
            runCheck(monitor.definition, timeoutMs, controller.signal),
            new Promise<CheckResult>((resolve) => {
              watchdog = setTimeout(() => {
                this.counters.watchdog++;
                controller.abort();
                resolve({ ok: false, latencyMs: null, message: `Check did not end within its timeout (${monitor.timeoutSeconds} s)` });
              }, timeoutMs + WATCHDOG_GRACE_MS);
            }),
          ]);
    check
      .catch((error: unknown): CheckResult => ({ ok: false, latencyMs: null, message: `Check failed: ${(error as Error).message}` }))
      .then((result) => this.finish(slot, entry, result))
      .catch((error: unknown) => this.options.log?.(`[monitors] recording ${monitor.name} failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(watchdog);
        this.running--;
        if (slot.running === controller) slot.running = null;
        this.drain();
      });
  }

  private finish(slot: Slot, entry: Entry, result: CheckResult | null): void {
    if (this.stopped || slot.gen !== entry.gen || this.slots.get(slot.monitor.id) !== slot) return;
    this.counters.checks++;
    const now = Date.now();
    let retrying = false;
    const m = slot.monitor;
    if (result) {
      try {
        const recorded = this.recorder.record(m, slot.state, result);
        slot.state = recorded.state;
        retrying = recorded.retrying;
      } catch (error) {
        // The store refused the result (disk full, locked too long): keep checking on schedule, so the
        // monitor is not silently stopped until a restart.
        this.options.log?.(`[monitors] recording ${m.name} failed (${String(error)}); next check as planned`);
      }
    }
    if (m.type === 'push' && !retrying && !result) {
      this.schedule(slot, Math.max(now + 1000, beatReference(m, this.startedAt) + beatDeadlineMs(m)));
      return;
    }
    const intervalMs = m.intervalSeconds * 1000;
    const next = planNext({ monitorId: m.id, intervalMs, retryIntervalMs: m.retryIntervalSeconds * 1000, due: entry.due, now, retrying });
    if (!retrying && next - entry.due > intervalMs * 1.5) this.counters.missedSlots += Math.floor((next - entry.due) / intervalMs) - 1;
    this.schedule(slot, next);
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      const slot = this.slots.get(entry.id);
      if (slot && slot.gen === entry.gen && !slot.running) this.begin(slot, entry);
    }
  }

  // Maintenance -----------------------------------------------------------------------------------

  private activeWindowKey(now: number): string {
    return this.recorder
      .maintenance(now)
      .filter((w) => w.startsAt <= now && now < w.endsAt)
      .map((w) => w.id)
      .join(',');
  }

  /** When a window starts or ends, affected monitors are checked within a second, not at their next slot. */
  private watchMaintenance(force = false): void {
    const now = Date.now();
    const key = this.activeWindowKey(now);
    if (!force && key === this.maintenanceKey) return;
    this.maintenanceKey = key;
    for (const slot of this.slots.values()) {
      const inWindow = this.recorder.inMaintenance(slot.monitor.id, now);
      if (inWindow === (slot.state.status === 'maintenance') || slot.running || slot.monitor.type === 'push') continue;
      slot.gen++;
      this.schedule(slot, now + phaseOf(slot.monitor.id, 1000));
    }
  }
}
