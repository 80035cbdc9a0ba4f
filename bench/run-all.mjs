// `npm run bench`: runs every benchmark in bench/ in turn, passing the arguments through.
//   npm run bench -- --levels 1000,5000 --rounds 3
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = ['sse-fanout/run.mjs'];

let failed = 0;
for (const bench of BENCHMARKS) {
  console.error(`[bench] ${bench}`);
  const run = spawnSync(process.execPath, [path.join(here, bench), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
