import { rmSync } from 'node:fs';

/** Removes the run's temporary data directory (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.SIGNALBOARD_E2E_DATA_DIR;
  if (dir && dir.includes('signalboard-e2e-')) rmSync(dir, { recursive: true, force: true });
}
