import 'server-only';
import type { Db } from '../store';
import { cached } from '../store/statements';

/** True when this delivery id was applied before (a redelivery must change nothing). */
export function seenDelivery(db: Db, source: string, deliveryId: string): boolean {
  return (
    cached(db, 'SELECT 1 FROM webhook_deliveries WHERE source = ? AND delivery_id = ?').get(
      source,
      deliveryId,
    ) !== undefined
  );
}

export function recordDelivery(db: Db, source: string, deliveryId: string): void {
  cached(
    db,
    'INSERT OR IGNORE INTO webhook_deliveries (source, delivery_id, received_at) VALUES (?, ?, ?)',
  ).run(source, deliveryId, Date.now());
}

export function pruneDeliveries(db: Db, olderThanMs: number): number {
  return cached(db, 'DELETE FROM webhook_deliveries WHERE received_at < ?').run(Date.now() - olderThanMs)
    .changes;
}
