import 'server-only';

/**
 * Next bundles route handlers apart from server.ts, so a module-level singleton would exist twice.
 * Process-wide objects live on globalThis under a registered symbol, shared by every bundle.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`signalboard.${name}`);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  let value = holder[key];
  if (value === undefined) {
    value = create();
    holder[key] = value;
  }
  return value;
}

/** Forgets a process-wide object (used by shutdown and tests). */
export function dropProcessWide(name: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`signalboard.${name}`)];
}
