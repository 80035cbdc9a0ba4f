import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startExpectingFailure, startServer, type RunningServer } from './support/server';

/** MONITORS_FILE: seeding at start, upsert by name, and a clear start error for a bad file. */
describe('MONITORS_FILE', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signalboard-monitors-file-'));
  const file = path.join(dir, 'monitors.json');
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = async (s: RunningServer) => {
    const login = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'integration-admin-pw' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${s.base}/api/monitors`, { headers: { cookie } });
    return ((await res.json()) as { monitors: { name: string; type: string; intervalSeconds: number; public: boolean; source: string; target: string }[] }).monitors;
  };

  it('seeds monitors at start and updates them by name on the next start', async () => {
    fs.writeFileSync(
      file,
      JSON.stringify([
        { name: 'api', type: 'http', url: 'http://127.0.0.1:9/health', intervalSeconds: 30, timeoutSeconds: 5, retries: 1, public: true },
        { name: 'db', type: 'tcp', host: '127.0.0.1', port: 9, intervalSeconds: 60, timeoutSeconds: 5, retries: 0, public: false },
        { name: 'dns', type: 'dns', host: 'example.test', recordType: 'A', expected: '10.0.0.1', intervalSeconds: 60, timeoutSeconds: 5, retries: 0, public: false },
        { name: 'backup', type: 'push', intervalSeconds: 3600, timeoutSeconds: 600, retries: 0, public: false },
      ]),
    );
    server = await startServer({ env: { MONITORS_FILE: file } });
    expect(server.output()).toContain('MONITORS_FILE: 4 created, 0 updated');
    let monitors = await list(server);
    expect(monitors.map((m) => [m.name, m.type, m.source])).toEqual([
      ['api', 'http', 'file'],
      ['backup', 'push', 'file'],
      ['db', 'tcp', 'file'],
      ['dns', 'dns', 'file'],
    ]);
    expect(monitors.find((m) => m.name === 'api')).toMatchObject({ public: true, intervalSeconds: 30 });
    await server.stop();

    fs.writeFileSync(file, JSON.stringify([{ name: 'API', type: 'http', url: 'http://127.0.0.1:9/ready', intervalSeconds: 45, timeoutSeconds: 5, retries: 1, public: true }]));
    server = await startServer({ dataDir: server.dataDir, env: { MONITORS_FILE: file } });
    expect(server.output()).toContain('MONITORS_FILE: 0 created, 1 updated');
    monitors = await list(server);
    expect(monitors).toHaveLength(4);
    // Matched case-insensitively; the file's spelling of the name wins.
    expect(monitors.find((m) => m.name === 'API')).toMatchObject({ intervalSeconds: 45, target: 'http://127.0.0.1:9/ready', source: 'file' });
    await server.stop();
    server = undefined;
  });

  it('refuses to start with a bad file, naming the entry and the field', async () => {
    fs.writeFileSync(
      file,
      JSON.stringify([
        { name: 'ok', type: 'push', intervalSeconds: 60 },
        { name: 'db', type: 'tcp', host: 'db.internal', port: 5432, intervalSeconds: 10, timeoutSeconds: 15, retries: 0 },
        { name: 'web', type: 'http', url: 'not a url', intervalSeconds: 60 },
      ]),
    );
    const bad = await startExpectingFailure({ MONITORS_FILE: file, DATA_DIR: fs.mkdtempSync(path.join(dir, 'd-')) });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('cannot start');
    expect(bad.output).toContain('MONITORS_FILE entry 1 ("db"): timeoutSeconds must be below intervalSeconds (10)');
    expect(bad.output).toContain('MONITORS_FILE entry 2 ("web"): url must be an http:// or https:// URL');

    fs.writeFileSync(file, '{ not json');
    const garbled = await startExpectingFailure({ MONITORS_FILE: file, DATA_DIR: fs.mkdtempSync(path.join(dir, 'd-')) });
    expect(garbled.output).toContain(`MONITORS_FILE "${file}" is not valid JSON`);
    const missing = await startExpectingFailure({ MONITORS_FILE: path.join(dir, 'nope.json'), DATA_DIR: fs.mkdtempSync(path.join(dir, 'd-')) });
    expect(missing.output).toContain('cannot be read (ENOENT)');
  });
});
