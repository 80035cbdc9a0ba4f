// The two servers the chat fan-out benchmark drives the same way: how to start each, how to get the
// headers its sockets need, and the frame a sender writes for message `seq`.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const here = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_PASSWORD = 'bench-admin-password';

/** The message text: `bench s<seq> t<sender's wall clock, ms with µs>`, padded to 100 characters. */
export function messageText(seq, sentAt) {
  const head = `bench s${seq} t${sentAt.toFixed(3)} `;
  return head + 'x'.repeat(Math.max(0, 100 - head.length));
}

function ulimit() {
  // Raise the open-file limit as far as this machine allows (root cannot always pass the hard limit).
  return 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; ';
}

async function login(port) {
  const origin = `http://127.0.0.1:${port}`;
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('sb_session='));
  if (res.status !== 200 || !cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/**
 * Sender accounts, written straight into the server's database (the benchmark owns its DATA_DIR):
 * each sender is its own user, because Signalboard limits messages per user (a burst of 20, then 2/s),
 * and the login endpoint allows only 20 attempts a minute per address. Sessions are stored as the
 * server stores them (SHA-256 of the token, base64url; see lib/server/auth/tokens.ts).
 */
function createSenderSessions(dataDir, count) {
  const db = new Database(path.join(dataDir, 'signalboard.db'));
  db.pragma('busy_timeout = 5000');
  const now = Date.now();
  const cookies = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const userId = Number(
        db
          .prepare(
            "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'bench: no login', 'viewer', ?)",
          )
          .run(`bench-sender-${i}`, now).lastInsertRowid,
      );
      const token = `sbs_${randomBytes(32).toString('base64url')}`;
      const hash = createHash('sha256').update(token).digest('base64url');
      db.prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      ).run(hash, userId, now, now + 24 * 3600_000, now);
      cookies.push(`sb_session=${token}`);
    }
  })();
  db.close();
  return cookies;
}

export const CONTENDERS = {
  signalboard: {
    label: 'Signalboard /ws/chat',
    command(port, dataDir) {
      return {
        cmd: `${ulimit()}exec node dist/server.js`,
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          SIGNALBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
          SIMULATORS: 'off',
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          // Keep the process's other listeners off the ports of parallel runs.
          MQTT_PORT: String(port + 1),
          MQTT_TLS_PORT: String(port + 2),
          WT_PORT: String(port + 3),
        },
      };
    },
    async setup(port, dataDir, senders) {
      const origin = `http://127.0.0.1:${port}`;
      const cookie = await login(port);
      return {
        receiverHeaders: { Cookie: cookie, Origin: origin },
        senderHeaders: createSenderSessions(dataDir, senders).map((c) => ({ Cookie: c, Origin: origin })),
      };
    },
    frame(seq, sender, sentAt, run) {
      return JSON.stringify({
        type: 'send',
        clientId: `bench-${run}-${seq}`,
        channel: 'ops',
        text: messageText(seq, sentAt),
      });
    },
  },
  minimal: {
    label: 'minimal ws broadcast',
    command(port) {
      return {
        cmd: `${ulimit()}exec node ${path.join(here, 'minimal-server.mjs')}`,
        env: { PORT: String(port), HOST: '127.0.0.1' },
      };
    },
    async setup(_port, _dataDir, senders) {
      return { receiverHeaders: {}, senderHeaders: Array.from({ length: senders }, () => ({})) };
    },
    /** The frame Signalboard would deliver for the same message, so both servers move the same bytes. */
    frame(seq, sender, sentAt, run) {
      return JSON.stringify({
        type: 'message',
        message: {
          id: seq,
          channel: 'ops',
          user: `bench-sender-${sender}`,
          text: messageText(seq, sentAt),
          ts: Math.round(sentAt),
          clientId: `bench-${run}-${seq}`,
        },
      });
    },
  },
};
