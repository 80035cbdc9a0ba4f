/**
 * Versioned schema migrations, applied in order at start, each in its own transaction.
 * Append new ones; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      -- AUTOINCREMENT: ids are never reused, even after the newest rows are pruned, so a client's
      -- Last-Event-ID stays meaningful across restarts and retention.
      CREATE TABLE events (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        stream TEXT    NOT NULL,
        type   TEXT    NOT NULL,
        ts     INTEGER NOT NULL,
        data   TEXT    NOT NULL
      );
      CREATE INDEX events_stream_id ON events (stream, id);
      CREATE INDEX events_ts ON events (ts);
    `,
  },
  {
    version: 2,
    name: 'auth',
    sql: `
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        created_at    INTEGER NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE sessions (
        token_hash   TEXT    PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expires ON sessions (expires_at);
      CREATE TABLE api_keys (
        id           INTEGER PRIMARY KEY,
        name         TEXT    NOT NULL,
        prefix       TEXT    NOT NULL,
        key_hash     TEXT    NOT NULL UNIQUE,
        role         TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at   INTEGER
      );
    `,
  },
];
