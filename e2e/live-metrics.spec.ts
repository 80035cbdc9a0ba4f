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

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

test.describe('live metrics', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('without WebTransport in the page, falls back to the WebSocket and still shows samples', async ({
    page,
  }) => {
    const problems = collectProblems(page);
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
