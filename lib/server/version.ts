import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** Signalboard's version, from the package.json of the directory the server runs in. */
export function serverVersion(): string {
  if (cached) return cached;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    cached = pkg.version ?? '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
