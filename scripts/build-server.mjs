// Compiles server.ts (and the parts it imports) to dist/server.js, so production runs plain Node.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const emptyModule = fileURLToPath(new URL('./empty-module.mjs', import.meta.url));

await build({
  entryPoints: { server: 'server.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Dependencies stay in node_modules: one copy of each, shared with Next's bundles.
  packages: 'external',
  // `server-only` throws outside React Server Components by design; the custom server is server code.
  alias: { 'server-only': emptyModule },
  logLevel: 'warning',
});
console.log('built dist/server.js');
