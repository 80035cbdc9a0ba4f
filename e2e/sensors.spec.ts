import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import type { Socket } from 'node:net';
import { ADMIN } from './credentials';

/**
 * The sensors page against the real broker: devices created by an admin through the API publish over
 * MQTT-over-WebSocket (`/mqtt`) from this test process; the page's charts, device states and MQTT
 * explorer follow live.
 */

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
}

/** Creates a device (or rotates it when it exists) and returns its password. */
async function device(
  request: APIRequestContext,
  baseURL: string,
  id: string,
  topicPrefix: string,
): Promise<string> {
  const headers = { Origin: baseURL };
  let response = await request.post('/api/devices', { data: { id, topicPrefix }, headers });
  if (response.status() === 409) response = await request.post(`/api/devices/${id}/rotate`, { headers });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { password: string }).password;
}

/** The broker's TCP port of the e2e server (playwright.config.ts: E2E_MQTT_PORT, else PORT + 2). */
function mqttPort(baseURL: string): number {
  return Number(process.env.E2E_MQTT_PORT ?? Number(new URL(baseURL).port) + 2);
}

/** A device over MQTT-over-WebSocket (`/mqtt`), or over TCP with `tcp: true`. */
async function connect(
  baseURL: string,
  id: string,
  password: string,
  will?: string,
  tcp = false,
): Promise<MqttClient> {
  const url = tcp ? `mqtt://127.0.0.1:${mqttPort(baseURL)}` : `${baseURL.replace(/^http/, 'ws')}/mqtt`;
  const client = mqtt.connect(url, {
    username: id,
    password,
    clientId: `${id}-e2e`,
    reconnectPeriod: 0,
    will: will ? { topic: will, payload: Buffer.from('offline'), qos: 1, retain: true } : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

const SITE = 'sensors/e2e-site';

test.describe('sensors', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('charts move with published readings; the explorer shows the raw traffic', async ({
    page,
    baseURL,
  }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const prefix = `${SITE}/floor-1/room-101`;
    const password = await device(page.request, baseURL!, 'e2e-room-101', prefix);
    const client = await connect(baseURL!, 'e2e-room-101', password);
    const publish = (i: number) =>
      client.publishAsync(
        prefix,
        JSON.stringify({ temperature: 20 + (i % 10) / 2, humidity: 40 + (i % 7) }),
        { qos: 1, retain: true },
      );
    try {
      for (let i = 0; i < 5; i++) await publish(i);
      await page.goto(`/sensors?filter=${encodeURIComponent(`${SITE}/#`)}&range=live`);
      await expect(page.getByRole('heading', { name: 'Sensors', level: 1 })).toBeVisible();
      const chart = page.locator('figure[data-chart="temperature"]');
      await expect(chart).toBeVisible();
      const before = Number(await chart.getAttribute('data-points'));
      // New readings arrive over the broker and the event stream; the chart grows while the page is open.
      for (let i = 5; i < 25; i++) {
        await publish(i);
        await page.waitForTimeout(150);
      }
      await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(before);
      await expect(chart.locator('figcaption')).toContainText('e2e-room-101');
      await expect(chart.locator('svg .recharts-line path').first()).toBeVisible();

      // The explorer subscribes from this browser over MQTT-over-WebSocket, read-only.
      const explorer = page.locator('ul[aria-label="MQTT messages"]');
      await expect(page.locator('[data-transport="MQTT · WebSocket"]')).toHaveAttribute(
        'data-state',
        'connected',
      );
      await expect(
        page.getByRole('group', { name: 'Transports' }).locator('[data-transport="MQTT"]'),
      ).toHaveAttribute('data-state', 'connected');
      await publish(99);
      await expect(explorer).toContainText(prefix);
      await page.screenshot({ path: 'test-results/sensors-desktop.png', fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      client.end(true);
    }
  });

  test('a silenced device turns offline, in words, on desktop and at 375 px', async ({ page, baseURL }) => {
    const prefix = `${SITE}/floor-2/room-201`;
    const password = await device(page.request, baseURL!, 'e2e-room-201', prefix);
    // Over TCP, so that the test can cut the connection the way a power cut does.
    const client = await connect(baseURL!, 'e2e-room-201', password, `${prefix}/status`, true);
    await client.publishAsync(`${prefix}/status`, 'online', { qos: 1, retain: true });
    await client.publishAsync(`${prefix}/co2`, '612', { qos: 1 });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/sensors');
    const row = page.locator('[data-device="e2e-room-201"]');
    await expect(row.locator('[data-device-state]')).toHaveText('online');
    await expect(row).toContainText('co2 612');

    // Pull the plug: no DISCONNECT, so the broker publishes the last will and the device goes offline.
    (client.stream as Socket).destroy();
    client.end(true);
    await expect(row.locator('[data-device-state]')).toHaveText('offline');
    await expect(row).toContainText('last will published');
    await expect(page.locator('[data-sensors-glance]')).toContainText('offline');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/sensors-phone.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-results/sensors-offline-desktop.png' });
  });
});
