import 'server-only';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

const caches = new WeakMap<Db, Map<string, Statement>>();

function lookup(db: Db, key: string, make: () => Statement): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Statement>()));
  let statement = cache.get(key);
  if (!statement) cache.set(key, (statement = make()));
  return statement;
}

/**
 * A prepared statement, compiled once per database: preparing costs more than running a small
 * statement, and request paths (webhooks, ingest) run the same few hundreds of times a second.
 * Only for SQL from a fixed set of strings (never with values spliced in), so the cache stays small.
 */
export function cached(db: Db, sql: string): Statement {
  return lookup(db, sql, () => db.prepare(sql));
}

/** Like `cached`, returning the first column of each row (`.pluck()`), cached apart from the plain one. */
export function cachedPluck(db: Db, sql: string): Statement {
  return lookup(db, `pluck\0${sql}`, () => db.prepare(sql).pluck());
}
