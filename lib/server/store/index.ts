import 'server-only';
import { env } from '../../env';
import { dropProcessWide, processWide } from '../process-wide';
import { closeDatabase, openDatabase, type Db } from './db';

export type { Db } from './db';
export { StoreError } from './db';

/** The process's database, opened on first use under DATA_DIR. */
export function getDb(): Db {
  return processWide('db', () => openDatabase(env().DATA_DIR));
}

export function closeStore(): void {
  const key = Symbol.for('signalboard.db');
  const db = (globalThis as unknown as Record<symbol, Db | undefined>)[key];
  if (db) closeDatabase(db);
  dropProcessWide('db');
}
