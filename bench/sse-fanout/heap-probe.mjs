// Preloaded into both servers by run.mjs (`node --expose-gc --import <this file> <server>`): on SIGUSR2
// it runs a full GC and writes process.memoryUsage() to $SSE_BENCH_HEAP_FILE. That gives the heap each
// connection retains, which RSS (grown in steps, never given back) only approximates. It reads nothing
// of the server and changes nothing else; the signal is sent only outside the measurement window.
import { writeFileSync } from 'node:fs';

const file = process.env.SSE_BENCH_HEAP_FILE;
if (file && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    const started = performance.now();
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    writeFileSync(
      file,
      JSON.stringify({
        at: Date.now(),
        gcMs: performance.now() - started,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        rss: m.rss,
      }),
    );
  });
}
