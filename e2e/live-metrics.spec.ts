import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from './credentials';

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
}

const glance = (page: Page) => page.locator('[data-metrics-state]');
const indicator = (page: Page) =>
  page.getByRole('group', { name: 'Transports' }).locator('[data-transport="WebTransport"]');

/** Samples received so far, as the glance line counts them ("(lost of total)"). */
async function samplesSeen(page: Page): Promise<number> {
  const text = (await glance(page).textContent()) ?? '';
  const match = /\(([\d,]+) of ([\d,]+)\)/.exec(text);
  return match ? Number(match[2]!.replace(/,/g, '')) : 0;
}

/**
 * Console errors and failed responses. The browser's own favicon request is left out (the app ships
 * no favicon yet); its console line names no URL, so responses are checked by URL instead.
 */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** The certificate hashes the page would pass as serverCertificateHashes now. */
async function hashes(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/live-metrics');
  const body = (await response.json()) as { webtransport: { certificateHashes: string[] } | null };
  expect(body.webtransport, 'the WebTransport listener runs').not.toBeNull();
  return body.webtransport!.certificateHashes;
}

async function expectLiveOverWebTransport(page: Page): Promise<void> {
  await expect(glance(page)).toHaveAttribute('data-metrics-transport', 'webtransport', { timeout: 15_000 });
  await expect(glance(page)).toContainText('Live over WebTransport');
  await expect(indicator(page)).toContainText('connected');
}

test.describe('live metrics', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('connects over WebTransport and shows samples at the chosen rate', async ({ page }) => {
    const problems = collectProblems(page);
    // Tall enough for every chart: charts scrolled out of view are not redrawn.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto('/live-metrics');
    await expectLiveOverWebTransport(page);
    await expect(page.locator('[data-fallback-reason]')).toHaveCount(0);
    await page.getByRole('button', { name: '60 samples per second' }).click();
    await expect(page.locator('[data-rate]')).toHaveText('60 Hz');
    const before = await samplesSeen(page);
    await expect.poll(() => samplesSeen(page), { timeout: 10_000 }).toBeGreaterThan(before + 120);
    await expect(page.locator('[data-loss]')).toHaveText(/^\d+\.\d\d %$/);
    await expect(page.locator('[data-rtt]')).toHaveText(/\d+(\.\d+)? ms/);
    await expect(page.locator('[data-chart="Memory"] svg path.recharts-curve').first()).toBeVisible();
    await expect(page.locator('[data-tile="rss"]')).toContainText('MB');
    await page.screenshot({ path: 'test-results/live-metrics-webtransport.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  test('a session opened after a certificate rotation works; the open one is not cut', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/live-metrics');
    await expectLiveOverWebTransport(page);
    const [before] = await hashes(page);

    const rotated = await page.request.post('/api/live-metrics/certificate/rotate', {
      headers: { Origin: baseURL! },
    });
    expect(rotated.status(), await rotated.text()).toBe(200);
    const after = await hashes(page);
    expect(after).not.toContain(before);

    // The session opened with the old certificate keeps running.
    const seen = await samplesSeen(page);
    await expect.poll(() => samplesSeen(page), { timeout: 10_000 }).toBeGreaterThan(seen + 5);
    await expect(glance(page)).toHaveAttribute('data-metrics-transport', 'webtransport');

    // A new page fetches the new hash and connects with it.
    await page.reload();
    await expectLiveOverWebTransport(page);
    await expect.poll(() => samplesSeen(page), { timeout: 10_000 }).toBeGreaterThan(5);
    await page.screenshot({ path: 'test-results/live-metrics-after-rotation.png' });
  });

  test('only an admin may rotate the certificate', async ({ page, baseURL }) => {
    const viewer = { username: 'metrics-viewer', password: 'metrics-viewer-pw' };
    const created = await page.request.post('/api/users', {
      data: { ...viewer, role: 'viewer' },
      headers: { Origin: baseURL! },
    });
    expect([201, 409]).toContain(created.status());
    expect((await page.request.post('/api/auth/login', { data: viewer })).status()).toBe(200);
    const refused = await page.request.post('/api/live-metrics/certificate/rotate', {
      headers: { Origin: baseURL! },
    });
    expect(refused.status()).toBe(403);
  });

  test('without WebTransport in the page, falls back to the WebSocket and still shows samples', async ({
    page,
  }) => {
    const problems = collectProblems(page);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.addInitScript(() => {
      delete (window as { WebTransport?: unknown }).WebTransport;
    });
    await page.goto('/live-metrics');
    await expect(page.getByRole('heading', { name: 'Live metrics', level: 1 })).toBeVisible();
    await expect(glance(page)).toHaveAttribute('data-metrics-transport', 'websocket');
    await expect(glance(page)).toContainText('Live over WebSocket');
    await expect(page.locator('[data-fallback-reason]')).toContainText('this browser has no WebTransport');
    await expect(indicator(page)).toContainText('WebSocket in use');

    await page.getByRole('button', { name: '60 samples per second' }).click();
    await expect(page.locator('[data-rate]')).toHaveText('60 Hz');
    await expect.poll(() => samplesSeen(page), { timeout: 10_000 }).toBeGreaterThan(120);
    await expect(page.locator('[data-loss]')).toHaveText('0.00 %');
    await expect(page.locator('[data-rtt]')).toHaveText(/\d+(\.\d+)? ms/);
    await expect(page.locator('[data-chart="Memory"] svg path.recharts-curve').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/live-metrics-websocket.png', fullPage: true });
    expect(problems).toEqual([]);
  });
});
