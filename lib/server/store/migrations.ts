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
  {
    version: 3,
    name: 'deploys',
    sql: `
      CREATE TABLE deploys (
        id            TEXT    PRIMARY KEY,
        source        TEXT    NOT NULL,
        service       TEXT    NOT NULL,
        environment   TEXT    NOT NULL,
        version       TEXT,
        commit_sha    TEXT,
        triggered_by  TEXT,
        url           TEXT,
        status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'success', 'failure', 'cancelled')),
        current_step  TEXT,
        percent       REAL    NOT NULL DEFAULT 0,
        message       TEXT,
        started_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        finished_at   INTEGER
      );
      CREATE INDEX deploys_started ON deploys (started_at DESC);
      CREATE INDEX deploys_service ON deploys (service, started_at DESC);
      CREATE INDEX deploys_status ON deploys (status);
      CREATE TABLE deploy_steps (
        deploy_id   TEXT    NOT NULL REFERENCES deploys (id) ON DELETE CASCADE,
        name        TEXT    NOT NULL,
        position    INTEGER NOT NULL,
        status      TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'success', 'failure', 'cancelled', 'skipped')),
        started_at  INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (deploy_id, name)
      );
      -- Every status change as it arrived, for the timeline, with an excerpt of the message or log.
      CREATE TABLE deploy_changes (
        id        INTEGER PRIMARY KEY,
        deploy_id TEXT    NOT NULL REFERENCES deploys (id) ON DELETE CASCADE,
        at        INTEGER NOT NULL,
        status    TEXT    NOT NULL,
        step      TEXT,
        percent   REAL,
        message   TEXT
      );
      CREATE INDEX deploy_changes_deploy ON deploy_changes (deploy_id, id);
      -- Delivery ids already applied, so a redelivered webhook changes nothing.
      CREATE TABLE webhook_deliveries (
        source      TEXT    NOT NULL,
        delivery_id TEXT    NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (source, delivery_id)
      );
      CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
      -- HMAC verification needs the secret itself, so it is stored; the API never returns it again.
      CREATE TABLE webhook_secrets (
        id         INTEGER PRIMARY KEY,
        source     TEXT    NOT NULL CHECK (source IN ('github', 'gitlab', 'deploy', 'loki')),
        name       TEXT    NOT NULL,
        secret     TEXT    NOT NULL,
        hint       TEXT    NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
    `,
  },
  {
    version: 4,
    name: 'chat',
    sql: `
      -- Public channels (kind 'channel', key = name) and direct messages (kind 'dm', key = 'dm:a+b').
      CREATE TABLE chat_channels (
        id         INTEGER PRIMARY KEY,
        key        TEXT    NOT NULL UNIQUE,
        kind       TEXT    NOT NULL CHECK (kind IN ('channel', 'dm')),
        topic      TEXT,
        created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE chat_members (
        channel_id INTEGER NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
        user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (channel_id, user_id)
      );
      CREATE INDEX chat_members_user ON chat_members (user_id);
      -- AUTOINCREMENT: a message id is a client's resume point and is never reused.
      CREATE TABLE chat_messages (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id  INTEGER NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
        user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
        username    TEXT    NOT NULL,
        text        TEXT    NOT NULL,
        client_id   TEXT,
        system      INTEGER NOT NULL DEFAULT 0,
        link_href   TEXT,
        link_label  TEXT,
        alert_level TEXT    CHECK (alert_level IN ('warning', 'critical')),
        acked_by    TEXT,
        acked_at    INTEGER,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX chat_messages_channel ON chat_messages (channel_id, id);
      -- A resent message (same sender, same client id) is stored once.
      CREATE UNIQUE INDEX chat_messages_client ON chat_messages (user_id, client_id) WHERE client_id IS NOT NULL;
      CREATE TABLE chat_reads (
        user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        channel_id   INTEGER NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
        last_read_id INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (user_id, channel_id)
      );
      INSERT INTO chat_channels (key, kind, topic, created_at) VALUES
        ('ops', 'channel', 'Deploys, monitors and alerts, as they happen', CAST(strftime('%s', 'now') AS INTEGER) * 1000),
        ('incidents', 'channel', 'Coordinating incidents', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
    `,
  },
];
