import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Makes sure DATA_DIR exists and is writable; the error names the variable and the cause. */
export function prepareDataDir(dataDir: string): string {
  const dir = path.resolve(dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    // access() says yes to root on a read-only mount; a real write settles it.
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StoreError(
      `DATA_DIR "${dir}" is not writable (${code}). Set DATA_DIR to a directory this user can write to.`,
    );
  }
  return dir;
}

/** Opens (or creates) the database file in WAL mode and applies pending migrations. */
export function openDatabase(dataDir: string, migrations: Migration[] = MIGRATIONS): Db {
  const dir = prepareDataDir(dataDir);
  const db = new Database(path.join(dir, 'signalboard.db'));
  // First: several instances may share this file (REDIS_URL), and a writer waits for the other's lock.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts; fsync per commit
  // would cap durable publishes at the disk's flush rate.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

export function migrate(db: Db, migrations: Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const done = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const isDone = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    // IMMEDIATE takes the write lock first; the check inside sees what another process starting on
    // the same file at the same moment has applied meanwhile (each migration runs once).
    const ran = db
      .transaction(() => {
        if (isDone.get(migration.version)) return false;
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** Checkpoints the WAL into the main file and closes: what shutdown calls. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
