import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { TRANSPORT_IDS, type TransportsReport } from '../lib/transports/report';
import { ADMIN } from './credentials';

const cell = (page: Page, row: string, transport: string) =>
  page.getByTestId('transports-table').locator(`[data-cell="${row}-${transport}"]`);
const status = (page: Page) => page.getByTestId('transports-status');
const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

/** The number at the start of a cell such as "131 B per message". */
async function leadingNumber(page: Page, row: string, transport: string): Promise<number> {
  const text = (await cell(page, row, transport).textContent()) ?? '';
  return Number(text.replace(/,/g, '').match(/^[\d.]+/)?.[0] ?? Number.NaN);
}

test.describe('transports', () => {
  let context: BrowserContext;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    const login = await context.request.post('/api/auth/login', { data: ADMIN });
    expect(login.status(), await login.text()).toBe(200);
  });
  test.afterAll(async () => {
    await context?.close();
  });

  test('the API needs a session and takes no parameters', async ({ request }) => {
    expect((await request.get('/api/transports')).status()).toBe(401);
    expect((await context.request.get('/api/transports?window=5')).status()).toBe(400);
  });

  test('chat traffic fills the WebSocket column; quiet transports say so', async () => {
    const chat = await context.newPage();
    await chat.goto('/chat');
    await expect(
      chat.getByRole('group', { name: 'Transports' }).locator('[data-transport="WebSocket chat"]'),
    ).toHaveAttribute('data-state', 'connected');
    const tag = `transports-e2e-${Date.now()}`;
    for (let i = 1; i <= 3; i++) {
      await composer(chat).fill(`${tag} message ${i}, measured on the way`);
      await composer(chat).press('Enter');
    }
    await expect(
      chat.locator('[data-chat-messages]:visible li[data-message-id]').filter({ hasText: tag }),
    ).toHaveCount(3);

    const page = await context.newPage();
    await page.goto('/transports');
    await expect(status(page)).toHaveAttribute('data-state', 'live');
    await expect(status(page)).toContainText(/transports? carrying traffic/);

    // The chat socket is open and its frames were counted, with their framing.
    expect(await leadingNumber(page, 'connections', 'ws')).toBeGreaterThanOrEqual(1);
    await expect(cell(page, 'bytes', 'ws')).toContainText(/^[\d,.]+ B per message/);
    expect(await leadingNumber(page, 'bytes', 'ws')).toBeGreaterThan(0);
    await expect(cell(page, 'bytes', 'ws')).toContainText(/of it framing/);
    await expect(cell(page, 'delivery', 'ws')).toContainText(/^p50 .+ ms · p99 .+ ms/);
    await expect(cell(page, 'round-trip', 'ws')).toContainText(/ping → pong/);
    // Each chat message is also a chat-message event on this tab's SSE stream.
    expect(await leadingNumber(page, 'connections', 'sse')).toBeGreaterThanOrEqual(1);
    await expect(cell(page, 'bytes', 'sse')).toContainText(/B per message/);
    await expect(cell(page, 'round-trip', 'sse')).toHaveText(/^none/);

    // Whatever saw no traffic at all says so in words, never as 0.
    const report = (await (await context.request.get('/api/transports')).json()) as TransportsReport;
    for (const id of TRANSPORT_IDS) {
      const figures = report.transports.find((f) => f.transport === id)!;
      if (figures.messagesTotal > 0) continue;
      await expect(cell(page, 'rate', id)).toHaveText('no traffic yet');
      await expect(cell(page, 'bytes', id)).toHaveText('no traffic yet');
    }
    for (const id of TRANSPORT_IDS) await expect(cell(page, 'bytes', id)).not.toHaveText(/^0 B/);

    await page.screenshot({ path: test.info().outputPath('transports-dark.png'), fullPage: true });
    await chat.close();
    await page.close();
  });

  test('says when the server cannot be reached, shows the figures as stale, and recovers', async () => {
    const page = await context.newPage();
    await page.goto('/transports');
    await expect(status(page)).toHaveAttribute('data-state', 'live');
    await page.route('**/api/transports', (route) => route.abort('connectionrefused'));
    await expect(status(page)).toHaveAttribute('data-state', 'failing', { timeout: 15_000 });
    await expect(status(page)).toContainText('Disconnected');
    await expect(status(page)).toContainText('(stale)');
    await page.unroute('**/api/transports');
    await expect(status(page)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await page.close();
  });

  test('fits a 375 px phone in the light theme, one card per transport', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('sb-theme', 'light'));
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/transports');
    await expect(status(page)).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('transports-table')).toBeHidden();
    for (const name of ['WebSocket', 'Server-Sent Events', 'WebTransport', 'MQTT']) {
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath('transports-light-375.png') });
    await page.close();
  });
});
