import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN } from './credentials';

/** Lines come in through the Loki push endpoint, with a push token an admin creates. */
let token = '';
let seq = 0;
/** Container names unique to this run, so that a retry or a rerun on the same server starts clean. */
const run = Date.now().toString(36).slice(-5);
const CHECKOUT = `checkout-${run}`;
const PAYMENTS = `payments-${run}`;
const LEDGER = `ledger-${run}`;
const FLOOD = `flood-${run}`;
const ns = () => `${BigInt(Date.now()) * 1_000_000n + BigInt(seq++ % 1_000_000)}`;

async function push(
  request: APIRequestContext,
  container: string,
  lines: string[],
  labels: Record<string, string> = {},
) {
  const response = await request.post('/loki/api/v1/push', {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: { streams: [{ stream: { container, ...labels }, values: lines.map((line) => [ns(), line]) }] },
  });
  expect(response.status(), await response.text()).toBe(204);
}

async function signIn(page: Page) {
  const response = await page.request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
}

const rows = (page: Page) => page.locator('[data-log-list] [data-log-row]');

test.describe('logs', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    expect((await request.post('/api/auth/login', { data: ADMIN })).status()).toBe(200);
    const created = await request.post('/api/settings/webhook-secrets', {
      data: { source: 'loki', name: 'e2e' },
      headers: { origin: baseURL! },
    });
    expect(created.status(), await created.text()).toBe(201);
    token = ((await created.json()) as { secret: string }).secret;
  });

  test.beforeEach(async ({ page }) => signIn(page));

  test('tails live lines with colours, JSON and stack traces; filters as you type; pauses', async ({
    page,
  }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`/logs?container=${CHECKOUT},${PAYMENTS}`);
    await expect(page.getByRole('heading', { name: 'Logs', level: 1 })).toBeVisible();
    await expect(page.locator('[data-log-list]')).toContainText('Waiting for lines');
    await expect(page.locator('[data-transport="Live tail"]')).toHaveAttribute('data-state', 'connected');

    await push(page.request, CHECKOUT, [
      '\x1b[32mINFO\x1b[0m  listening on \x1b[1m:8080\x1b[0m <b>not html</b>',
      '{"level":"info","msg":"order placed","order":{"id":4711,"total":42.5},"user":"ada"}',
      'Error: card declined for order 4711',
      '    at charge (/app/src/payments.js:31:11)',
      '    at async checkout (/app/src/routes/checkout.js:58:5)',
      '    at async handle (/app/src/server.js:12:3)',
      'WARN inventory low for sku-991',
    ]);
    await push(page.request, PAYMENTS, ['INFO settled 12 payouts', 'ERROR webhook signature mismatch'], {
      level: 'error',
    });
    await expect(rows(page)).toHaveCount(6);
    await expect(page.locator(`[data-container="${CHECKOUT}"]`)).toBeVisible();
    await expect(page.locator(`[data-container="${PAYMENTS}"]`)).toContainText('pushed');
    // ANSI colours become styled spans; markup in a line stays text.
    const first = rows(page).first();
    await expect(first.locator('span.text-green-700, span.dark\\:text-green-400').first()).toHaveText('INFO');
    await expect(page.locator('[data-log-list] b')).toHaveCount(0);
    await expect(first).toContainText('<b>not html</b>');
    // The stack trace is one entry with its frames folded; JSON is summarised and expandable.
    const trace = rows(page).filter({ hasText: 'card declined' });
    await trace.getByRole('button', { name: '+3 lines' }).click();
    await expect(trace).toContainText('at async handle');
    const json = rows(page).filter({ hasText: 'order placed' });
    await expect(json).toContainText('user=ada');
    await json.getByRole('button', { name: 'Expand JSON' }).click();
    await expect(json).toContainText('"total": 42.5');
    await page.screenshot({ path: 'test-results/logs-tail.png', fullPage: true });

    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect(page.locator('[data-search]')).toBeFocused();
    await page.keyboard.type('declined');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).locator('mark').first()).toHaveText('declined');
    await page.screenshot({ path: 'test-results/logs-filter.png', fullPage: true });
    await page.locator('[data-search]').fill('');
    await expect(rows(page)).toHaveCount(6);

    await page.getByRole('button', { name: '❚❚ Pause' }).click();
    await push(page.request, CHECKOUT, ['GET /cart 200', 'GET /cart 200', 'GET /health 200']);
    await expect(page.locator('[data-waiting]')).toHaveText('3 new lines waiting');
    await expect(rows(page)).toHaveCount(6);
    await page.screenshot({ path: 'test-results/logs-paused.png', fullPage: true });
    await page.getByRole('button', { name: '▶ Resume' }).click();
    await expect(rows(page)).toHaveCount(9);

    // The server filters by container: with checkout unpicked, only payments' lines come back.
    await page.locator(`[data-container="${CHECKOUT}"]`).click();
    await expect(rows(page)).toHaveCount(2);
    await expect(page).toHaveURL(new RegExp(`container=${PAYMENTS}$`));

    // The overview's Logs card sums it up.
    await page.goto('/');
    const card = page.locator('[data-card="logs"]');
    await expect(card.locator('[data-logs-summary]')).toContainText('errors and 1 warning in the last 15 min');
    await card.screenshot({ path: 'test-results/logs-overview-card.png' });
    expect(problems).toEqual([]);
  });

  test('searches history for a line long gone from the view, and shows its context', async ({ page }) => {
    await push(page.request, LEDGER, [
      'ledger boot',
      'reconciliation mismatch account=7731 delta=-12.40',
      'ledger idle',
    ]);
    await push(
      page.request,
      LEDGER,
      Array.from({ length: 400 }, (_, i) => `tick ${i}`),
    );
    await page.goto(`/logs?container=${LEDGER}`);
    await page.locator('[data-search]').fill('reconciliation mismatch');
    await page.locator('[data-search]').press('Enter');
    await expect(page.locator('[data-history]')).toContainText('1 line found');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).locator('mark').first()).toHaveText('reconciliation');
    await page.screenshot({ path: 'test-results/logs-search.png', fullPage: true });
    await rows(page).first().hover();
    await rows(page).first().getByRole('button', { name: 'context' }).click();
    await expect(page.locator('[data-history]')).toContainText('Context of one line');
    // 30 lines before (only one exists) and 30 after, around the line.
    await expect(rows(page)).toHaveCount(32);
    await expect(rows(page).nth(0)).toContainText('ledger boot');
    await expect(rows(page).nth(1)).toContainText('reconciliation mismatch');
    await page.getByRole('button', { name: '← Back to results' }).click();
    await page.getByRole('button', { name: '← Back to live tail' }).click();
    await expect(page.locator('[data-history]')).toHaveCount(0);
  });

  test('stays smooth with 100,000 lines: only the rows in view exist, and scrolling keeps frames short', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto(`/logs?container=${FLOOD}`);
    await expect(page.locator('[data-transport="Live tail"]')).toHaveAttribute('data-state', 'connected');
    // Paced under the tail's 5,000 lines/s so that every line reaches the view.
    const batch = Array.from(
      { length: 2_000 },
      (_, i) => `GET /api/items/${i} 200 ${i % 97}ms user=${i % 13}`,
    );
    for (let sent = 0; sent < 100_000; sent += batch.length) {
      const started = Date.now();
      await push(page.request, FLOOD, batch);
      await page.waitForTimeout(Math.max(0, 600 - (Date.now() - started)));
    }
    await expect(page.locator('[data-logs-glance]')).toContainText(/(9\d|100),\d{3} lines in view/, {
      timeout: 60_000,
    });
    expect(await rows(page).count()).toBeLessThan(200);
    const worstFrame = await page.locator('[data-log-list]').evaluate(async (list) => {
      let worst = 0;
      let last = performance.now();
      for (let step = 0; step < 60; step++) {
        list.scrollTop = (list.scrollHeight * step) / 60;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }
      return worst;
    });
    console.log(`[logs e2e] worst frame while scrolling 100,000 lines: ${worstFrame.toFixed(1)} ms`);
    expect(worstFrame).toBeLessThan(250);
    await page.screenshot({ path: 'test-results/logs-100k.png' });
  });
});
