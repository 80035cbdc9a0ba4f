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
  {
    version: 5,
    name: 'monitors',
    sql: `
      -- Uptime monitors. Type-specific fields (url, host, port, keyword…) live in config as JSON, checked
      -- by lib/server/monitors/definition.ts; the columns are what the scheduler and lists need.
      CREATE TABLE monitors (
        id               INTEGER PRIMARY KEY,
        name             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        type             TEXT    NOT NULL CHECK (type IN ('http', 'tcp', 'dns', 'push', 'mqtt')),
        config           TEXT    NOT NULL,
        interval_s       INTEGER NOT NULL,
        timeout_s        REAL    NOT NULL,
        retries          INTEGER NOT NULL,
        retry_interval_s INTEGER NOT NULL,
        public           INTEGER NOT NULL DEFAULT 0,
        paused           INTEGER NOT NULL DEFAULT 0,
        push_token       TEXT    UNIQUE,
        source           TEXT    NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'file', 'simulator')),
        status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('up', 'down', 'pending', 'maintenance')),
        status_since     INTEGER NOT NULL,
        failures         INTEGER NOT NULL DEFAULT 0,
        last_check_at    INTEGER,
        last_beat_at     INTEGER,
        last_latency_ms  REAL,
        last_message     TEXT,
        cert_expires_at  INTEGER,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      );
      -- Every check result; kept for days (see lib/server/monitors/retention.ts), rollups for longer.
      CREATE TABLE monitor_checks (
        id         INTEGER PRIMARY KEY,
        monitor_id INTEGER NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
        at         INTEGER NOT NULL,
        ok         INTEGER NOT NULL,
        status     TEXT    NOT NULL,
        latency_ms REAL,
        message    TEXT
      );
      CREATE INDEX monitor_checks_monitor ON monitor_checks (monitor_id, at);
      CREATE INDEX monitor_checks_at ON monitor_checks (at);
      -- Hourly and daily sums per monitor, updated with every check (UTC periods).
      CREATE TABLE monitor_rollups (
        monitor_id    INTEGER NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
        period        TEXT    NOT NULL CHECK (period IN ('hour', 'day')),
        start         INTEGER NOT NULL,
        checks        INTEGER NOT NULL,
        up            INTEGER NOT NULL,
        down          INTEGER NOT NULL,
        maintenance   INTEGER NOT NULL,
        latency_sum   REAL    NOT NULL,
        latency_count INTEGER NOT NULL,
        latency_max   REAL,
        PRIMARY KEY (monitor_id, period, start)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'monitor incidents, maintenance, notifications',
    sql: `
      CREATE TABLE monitor_incidents (
        id           INTEGER PRIMARY KEY,
        monitor_id   INTEGER REFERENCES monitors (id) ON DELETE CASCADE,
        monitor_name TEXT    NOT NULL,
        reason       TEXT,
        started_at   INTEGER NOT NULL,
        resolved_at  INTEGER
      );
      CREATE INDEX monitor_incidents_monitor ON monitor_incidents (monitor_id, started_at);
      CREATE INDEX monitor_incidents_started ON monitor_incidents (started_at);
      CREATE INDEX monitor_incidents_open ON monitor_incidents (monitor_id) WHERE resolved_at IS NULL;
      CREATE TABLE monitor_incident_notes (
        id          INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES monitor_incidents (id) ON DELETE CASCADE,
        author      TEXT    NOT NULL,
        text        TEXT    NOT NULL,
        public      INTEGER NOT NULL DEFAULT 0,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX monitor_incident_notes_incident ON monitor_incident_notes (incident_id, id);
      -- monitor_ids: JSON array of monitor ids, or NULL for every monitor.
      CREATE TABLE monitor_maintenance (
        id          INTEGER PRIMARY KEY,
        title       TEXT    NOT NULL,
        description TEXT,
        monitor_ids TEXT,
        starts_at   INTEGER NOT NULL,
        ends_at     INTEGER NOT NULL,
        created_by  TEXT,
        created_at  INTEGER NOT NULL
      );
      CREATE INDEX monitor_maintenance_ends ON monitor_maintenance (ends_at);
      CREATE TABLE monitor_notification_channels (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL,
        url        TEXT    NOT NULL,
        format     TEXT    NOT NULL CHECK (format IN ('json', 'slack')),
        secret     TEXT,
        enabled    INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'sensors',
    sql: `
      -- MQTT devices. The password is stored scrypt-hashed; a revoked device keeps its row (and its
      -- history) but can no longer connect. Connection state is written as it changes.
      CREATE TABLE sensor_devices (
        id                 TEXT    PRIMARY KEY,
        password_hash      TEXT    NOT NULL,
        topic_prefix       TEXT    NOT NULL,
        source             TEXT    NOT NULL CHECK (source IN ('api', 'file', 'simulator')),
        rate_limit         INTEGER,
        created_at         INTEGER NOT NULL,
        rotated_at         INTEGER,
        revoked_at         INTEGER,
        online             INTEGER NOT NULL DEFAULT 0,
        last_seen          INTEGER,
        last_connect_at    INTEGER,
        last_disconnect_at INTEGER,
        status_reason      TEXT,
        interval_ms        INTEGER
      );
      -- One series per metric topic (<location>/<metric>), with its latest value.
      CREATE TABLE sensor_series (
        id         INTEGER PRIMARY KEY,
        device_id  TEXT    NOT NULL,
        topic      TEXT    NOT NULL UNIQUE,
        location   TEXT    NOT NULL,
        metric     TEXT    NOT NULL,
        last_value REAL,
        last_ts    INTEGER
      );
      CREATE INDEX sensor_series_device ON sensor_series (device_id);
      -- Raw readings in chunks: one row per series per write batch, points packed as little-endian
      -- float64 pairs (time, value). A row per reading would cap ingest near the row-insert rate.
      CREATE TABLE sensor_chunks (
        series_id INTEGER NOT NULL,
        min_ts    INTEGER NOT NULL,
        max_ts    INTEGER NOT NULL,
        count     INTEGER NOT NULL,
        points    BLOB    NOT NULL
      );
      CREATE INDEX sensor_chunks_series ON sensor_chunks (series_id, max_ts);
      CREATE INDEX sensor_chunks_age ON sensor_chunks (max_ts);
      -- Minute (60000) and hour (3600000) aggregates, kept longer than the raw chunks.
      CREATE TABLE sensor_rollups (
        series_id  INTEGER NOT NULL,
        resolution INTEGER NOT NULL,
        bucket     INTEGER NOT NULL,
        count      INTEGER NOT NULL,
        sum        REAL    NOT NULL,
        min        REAL    NOT NULL,
        max        REAL    NOT NULL,
        last       REAL    NOT NULL,
        PRIMARY KEY (series_id, resolution, bucket)
      ) WITHOUT ROWID;
      CREATE INDEX sensor_rollups_age ON sensor_rollups (resolution, bucket);
      -- Thresholds over metric topics (MQTT filters), raising sensor-alert events.
      CREATE TABLE sensor_thresholds (
        id         INTEGER PRIMARY KEY,
        filter     TEXT    NOT NULL,
        direction  TEXT    NOT NULL CHECK (direction IN ('above', 'below')),
        value      REAL    NOT NULL,
        level      TEXT    NOT NULL CHECK (level IN ('warning', 'critical')),
        created_at INTEGER NOT NULL
      );
      -- Messages not stored, with the reason: counts since the start of time and the latest few.
      CREATE TABLE sensor_rejection_counts (
        reason  TEXT    PRIMARY KEY,
        count   INTEGER NOT NULL,
        last_at INTEGER NOT NULL
      );
      CREATE TABLE sensor_rejections (
        id        INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        device_id TEXT,
        topic     TEXT,
        reason    TEXT    NOT NULL,
        detail    TEXT    NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'mqtt-sessions',
    sql: `
      -- The broker's durable state (broker/persistence): retained messages, sessions of clients that
      -- connect with clean = false, their queued and in-flight messages, QoS 2 receipts and wills.
      -- Packets are JSON (payload apart, as a BLOB).
      CREATE TABLE mqtt_retained (
        topic   TEXT PRIMARY KEY,
        packet  TEXT NOT NULL,
        payload BLOB NOT NULL
      );
      CREATE TABLE mqtt_subscriptions (
        client_id TEXT    NOT NULL,
        topic     TEXT    NOT NULL,
        options   TEXT    NOT NULL,
        PRIMARY KEY (client_id, topic)
      ) WITHOUT ROWID;
      CREATE TABLE mqtt_outgoing (
        id        INTEGER PRIMARY KEY,
        client_id TEXT    NOT NULL,
        packet    TEXT    NOT NULL,
        payload   BLOB    NOT NULL
      );
      CREATE INDEX mqtt_outgoing_client ON mqtt_outgoing (client_id, id);
      CREATE TABLE mqtt_incoming (
        client_id  TEXT    NOT NULL,
        message_id INTEGER NOT NULL,
        packet     TEXT    NOT NULL,
        payload    BLOB    NOT NULL,
        PRIMARY KEY (client_id, message_id)
      ) WITHOUT ROWID;
      CREATE TABLE mqtt_wills (
        client_id TEXT PRIMARY KEY,
        packet    TEXT NOT NULL,
        payload   BLOB NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: 'logs',
    sql: `
      -- Every name a log line came from: a Docker container or a pushed stream. Search and the SSE
      -- filter take names; lines store the small id.
      CREATE TABLE log_containers (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL UNIQUE,
        source     TEXT    NOT NULL CHECK (source IN ('docker', 'push')),
        first_seen INTEGER NOT NULL,
        last_seen  INTEGER NOT NULL,
        -- Docker: the engine's nanosecond timestamp of the newest line stored (decimal text), so
        -- following again after a restart (of the container or of Signalboard) starts there
        -- with "since" and stores no line twice.
        cursor_ns  TEXT
      );
      -- Log lines get their ids from the events sequence (see EventBus.reserveIds), so one
      -- Last-Event-ID resumes every stream; they live here, not in events, with their own retention.
      -- level: 0 unknown, 1 trace, 2 debug, 3 info, 4 warn, 5 error, 6 fatal. stream: 0 stdout,
      -- 1 stderr. source: 0 docker, 1 push.
      CREATE TABLE log_lines (
        id           INTEGER PRIMARY KEY,
        container_id INTEGER NOT NULL,
        time         INTEGER NOT NULL,
        level        INTEGER NOT NULL,
        stream       INTEGER NOT NULL,
        source       INTEGER NOT NULL,
        truncated    INTEGER NOT NULL DEFAULT 0,
        line         TEXT    NOT NULL
      );
      CREATE INDEX log_lines_container ON log_lines (container_id, id);
      CREATE INDEX log_lines_time ON log_lines (time);
      -- Warnings and worse are a small share of the lines and the most searched: a partial index
      -- finds them without scanning the rest.
      CREATE INDEX log_lines_problems ON log_lines (id) WHERE level >= 4;
    `,
  },
  {
    version: 10,
    name: 'log-search',
    sql: `
      -- Full-text index of the lines (their text without ANSI escapes). Contentless: the text is
      -- stored once, in log_lines; contentless_delete lets retention remove rows by id.
      CREATE VIRTUAL TABLE log_fts USING fts5(line, content = '', contentless_delete = 1);
    `,
  },
  {
    version: 11,
    name: 'device-instance',
    sql: `
      -- Several instances share the store: which one holds a device's connection, so that a starting
      -- instance marks offline only the devices of instances that are gone.
      ALTER TABLE sensor_devices ADD COLUMN instance_id TEXT;
    `,
  },
];
