import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../bus';
import { tempDb } from '../test-support';
import { MonitorEngine } from './engine';
import { createMonitor } from './manage';
import { Notifier } from './notify/queue';
import { CheckRecorder } from './recorder';

describe('MonitorEngine', () => {
  let t: ReturnType<typeof tempDb>;
  let target: net.Server;
  let port: number;
  let engine: MonitorEngine | null = null;

  beforeEach(async () => {
    t = tempDb();
    target = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    port = (target.address() as AddressInfo).port;
  });
  afterEach(async () => {
    engine?.stop();
    await new Promise((resolve) => target.close(resolve));
    t.cleanup();
  });

  it('keeps checking on schedule when the store refuses a result, and says so', async () => {
    const created = createMonitor(t.db, {
      name: 'queue',
      type: 'tcp',
      host: '127.0.0.1',
      port,
      intervalSeconds: 1,
      timeoutSeconds: 0.5,
    });
    expect(created.ok).toBe(true);
    const log: string[] = [];
    const recorder = new CheckRecorder(t.db, new EventBus(t.db), new Notifier({ log: () => undefined }));
    // A real failure of the store: the table every result goes to is gone.
    t.db.exec('DROP TABLE monitor_checks');
    engine = new MonitorEngine(t.db, recorder, { log: (line) => log.push(line), startSpreadMs: 0 });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    expect(engine.stats().checks).toBeGreaterThanOrEqual(2);
    expect(log[0]).toMatch(/recording queue failed .*monitor_checks.*next check as planned/);
  });
});
