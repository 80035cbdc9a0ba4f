import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loginCookie, openSse, until } from './support/client';
import { startExpectingFailure, startServer } from './support/server';

describe('start and stop of the real server', () => {
  it('shuts down on SIGTERM within 5 s, ending streams with a shutdown event', async () => {
    const server = await startServer();
    const cookie = await loginCookie(server.base);
    const client = openSse(server.base, '/api/events', { cookie });
    await until(() => client.messages.some((m) => m.event === 'hello'));
    const { code, ms } = await server.stop();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    await client.closed;
    expect(client.messages.at(-1)?.event).toBe('shutdown');
    expect(server.output()).toContain('[server] stopped');
  });

  it('refuses to start with a bad environment variable, naming it', async () => {
    const { code, output } = await startExpectingFailure({ MQTT_PORT: 'not-a-port', DATA_DIR: os.tmpdir() });
    expect(code).toBe(1);
    expect(output).toContain('MQTT_PORT must be a number (got "not-a-port")');
  });

  it('says clearly when DATA_DIR is not writable', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-')), 'a-file');
    fs.writeFileSync(file, '');
    const { code, output } = await startExpectingFailure({ DATA_DIR: path.join(file, 'data') });
    expect(code).toBe(1);
    expect(output).toMatch(/DATA_DIR ".*a-file\/data" is not writable \(ENOTDIR\)/);
  });
});
