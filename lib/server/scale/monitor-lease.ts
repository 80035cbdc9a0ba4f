import 'server-only';
import { z } from 'zod';
import type { MonitorControl } from '../monitors/runtime';
import { processWide } from '../process-wide';
import type { ClusterLink } from './cluster';
import { Lease } from './lease';

export const MONITORS_LEASE_KEY = 'signalboard:lease:monitors';

const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), id: z.number().int().positive() }),
  z.object({ op: z.literal('remove'), id: z.number().int().positive() }),
  z.object({
    op: z.literal('beat'),
    id: z.number().int().positive(),
    result: z.object({
      ok: z.boolean(),
      latencyMs: z.number().nonnegative().nullable(),
      message: z.string().max(500),
    }),
  }),
  z.object({ op: z.literal('maintenance') }),
  z.object({ op: z.literal('channels') }),
]);
type Op = z.infer<typeof opSchema>;

function apply(control: MonitorControl, op: Op): void {
  if (op.op === 'upsert') control.upsert(op.id);
  else if (op.op === 'remove') control.remove(op.id);
  else if (op.op === 'beat') control.recordBeat(op.id, op.result);
  else if (op.op === 'maintenance') control.maintenanceChanged();
  else control.channelsChanged();
}

/** The lease of this process, for /api/ready (null with one instance). */
export function monitorsLease(): Lease | null {
  return processWide<{ lease: Lease | null }>('monitors-lease', () => ({ lease: null })).lease;
}

/**
 * Monitors run exactly once across instances: the instance holding the lease in Redis runs the
 * engine (`run` starts it and returns the stop); what any instance's API is told (a new monitor, a
 * push beat, a maintenance window) is applied there when it runs the engine and sent to the others,
 * where the holder applies it. When the holder stops it gives the lease back;
 * when it dies the lease runs out after its TTL and another instance takes it within a second or two.
 */
export function runMonitorsOnce(
  link: ClusterLink,
  run: () => { stop: () => void; control: MonitorControl },
  setForwarder: (control: MonitorControl | null) => void,
): () => Promise<void> {
  let running: { stop: () => void; control: MonitorControl } | null = null;
  // Applied here when this instance runs the engine, and always sent on: after Redis lost the lease
  // (a restart without persistence) two instances may both believe they hold it for up to its TTL,
  // and the one that keeps it must hear of every change all the same.
  const send = (op: Op): boolean => {
    link.publish('monitors', op);
    if (!running) return true;
    if (op.op === 'beat') return running.control.recordBeat(op.id, op.result);
    apply(running.control, op);
    return true;
  };
  setForwarder({
    upsert: (id) => void send({ op: 'upsert', id }),
    remove: (id) => void send({ op: 'remove', id }),
    // Elsewhere than on the holder a beat is accepted; the holder decides whether it counts.
    recordBeat: (id, result) =>
      send({
        op: 'beat',
        id,
        result: { ok: result.ok, latencyMs: result.latencyMs, message: result.message },
      }),
    maintenanceChanged: () => void send({ op: 'maintenance' }),
    channelsChanged: () => void send({ op: 'channels' }),
  });
  const off = link.on('monitors', (body, from) => {
    const op = opSchema.safeParse(body);
    if (!op.success)
      return console.error(`[cluster] refused a malformed monitors frame from ${from.slice(0, 8)}`);
    if (running) apply(running.control, op.data);
  });
  const lease = new Lease(link.cmd, MONITORS_LEASE_KEY, link.instanceId, (held) => {
    if (held && !running) {
      console.log(`[monitors] this instance (${link.instanceId}) holds the lease: running the monitors`);
      running = run();
    } else if (!held && running) {
      console.log('[monitors] the monitors stop here (lease given back, lost, or Redis unreachable)');
      running.stop();
      running = null;
    }
  });
  processWide<{ lease: Lease | null }>('monitors-lease', () => ({ lease: null })).lease = lease;
  lease.start();
  return async () => {
    off();
    await lease.stop();
    setForwarder(null);
    processWide<{ lease: Lease | null }>('monitors-lease', () => ({ lease: null })).lease = null;
  };
}
