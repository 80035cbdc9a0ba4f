import 'server-only';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Service } from '../services';
import { getDb } from './index';

/** How often the worker folds the WAL back into the database file. */
const EVERY_MS = 1_000;
/** SQLite's own default, restored when the worker is not running. */
const AUTO_CHECKPOINT_PAGES = 1_000;

/**
 * The worker: its own connection to the same file, a PASSIVE checkpoint every second (never waits
 * for, nor blocks, the writer), errors reported to the parent. CommonJS, evaluated from this string
 * so that the one bundle (dist/server.js) needs no second entry file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String((error && error.message) || error).slice(0, 200));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

let worker: Worker | null = null;

/**
 * WAL checkpoints off the event loop. A checkpoint writes the WAL's pages into the database file and
 * syncs it: on a slow disk that is tens of milliseconds, and SQLite runs it inside whichever commit
 * crosses 1,000 WAL pages (log ingest at 20,000 lines/s crosses it every fraction of a second), so
 * every request waiting behind that commit waited for the disk. Here the main connection never
 * checkpoints while a worker thread does it beside it; if the worker stops, SQLite's automatic
 * checkpoints come back.
 */
export const walCheckpointer: Service = {
  name: 'wal checkpointer',
  start() {
    const db = getDb();
    if (db.memory) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: db.name, everyMs: EVERY_MS },
      resourceLimits: { maxOldGenerationSizeMb: 32 },
    });
    worker = started;
    db.pragma('wal_autocheckpoint = 0');
    let reported = 0;
    started.on('message', (message: unknown) => {
      if (Date.now() - reported < 60_000) return;
      reported = Date.now();
      console.warn(`[store] background checkpoint failed: ${String(message)}`);
    });
    started.on('error', (error) => console.error('[store] checkpoint worker failed:', error));
    started.on('exit', () => {
      if (worker !== started) return;
      worker = null;
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      console.warn('[store] checkpoint worker stopped; SQLite checkpoints on commit again');
    });
  },
  async stop() {
    const running = worker;
    worker = null;
    if (!running) return;
    const db = getDb();
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    await running.terminate();
  },
};
