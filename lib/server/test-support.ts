import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './store/db';

/** A real SQLite database in a fresh temporary DATA_DIR, removed by the returned cleanup. */
export function tempDb(): { db: Db; dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signalboard-test-'));
  const db = openDatabase(dir);
  return {
    db,
    dir,
    cleanup: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
