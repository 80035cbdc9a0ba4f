import 'server-only';
import type { ClusterLink } from './cluster';
import { Lease } from './lease';

/**
 * Runs a part on exactly one instance: the one holding the lease `signalboard:lease:<name>` in Redis.
 * `start` runs when this instance takes the lease and returns the stop, which runs when it loses it
 * or shuts down (then the lease is given back and another instance takes over at once).
 */
export function runOnce(link: ClusterLink, name: string, start: () => () => void): () => Promise<void> {
  let stop: (() => void) | null = null;
  const lease = new Lease(link.cmd, `signalboard:lease:${name}`, link.instanceId, (held) => {
    if (held && !stop) {
      console.log(`[cluster] this instance runs ${name}`);
      stop = start();
    } else if (!held && stop) {
      console.log(`[cluster] ${name} stops here (lease given back, lost, or Redis unreachable)`);
      stop();
      stop = null;
    }
  });
  lease.start();
  return () => lease.stop();
}
