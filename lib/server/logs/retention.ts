import 'server-only';
import type { LogStore } from './store';

const CHUNK = 5_000;

/**
 * Applies the retention (age and count) in chunks of CHUNK rows, yielding to the event loop between
 * chunks, so that even a large backlog (a lowered retention, a first start on an old store) never
 * holds the server. Resolves with how many lines went.
 */
export async function pruneLogs(store: LogStore, retentionMs: number, maxLines: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const gone = store.prune(Date.now() - retentionMs, maxLines, CHUNK);
    removed += gone;
    if (gone < CHUNK) return removed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
