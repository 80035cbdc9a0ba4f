import { createHmac, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN } from './credentials';

/**
 * The deploy views against the real server, driven the way a CI runner drives them: the generic
 * signed webhook (the simulator is off in e2e). Data persists across the tests of a run, so each
 * test works with its own deploy ids and asserts on those.
 */

/** The webServer's DEPLOY_WEBHOOK_SECRET (playwright.config.ts). */
const SECRET = 'e2e-deploy-webhook-secret';
/** Unique per run (and per retry), so ids never collide with an earlier attempt's. */
const RUN = Date.now().toString(36);
const SHA = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';

type Fields = Record<string, unknown> & { deployId: string };
type Body = Fields & { status: string };

/** POSTs one signed update, as `openssl dgst -sha256 -hmac` would sign it. */
async function hook(request: APIRequestContext, body: Body): Promise<void> {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex');
  const response = await request.post('/api/webhooks/deploy', {
    data: raw,
    headers: {
      'content-type': 'application/json',
      'x-signalboard-timestamp': ts,
      'x-signalboard-signature': `sha256=${signature}`,
      'idempotency-key': randomUUID(),
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** A whole pipeline: start, the given steps, then the outcome. */
async function pipeline(
  request: APIRequestContext,
  start: Fields,
  steps: [string, number][],
  outcome?: { status: 'success' | 'failure' | 'cancelled'; message?: string },
  pauseMs = 0,
): Promise<void> {
  await hook(request, { ...start, status: 'started' });
  for (const [step, percent] of steps) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    await hook(request, { deployId: start.deployId, status: 'in_progress', step, percent });
  }
  if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  if (outcome) await hook(request, { deployId: start.deployId, ...outcome });
}

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
}

const sse = (page: Page) => page.getByRole('group', { name: 'Transports' }).locator('[data-transport="SSE"]');

/** Opens a page and waits until its live stream is connected (events sent before that are in the render). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(sse(page)).toHaveAttribute('data-state', 'connected');
}

/** Collects console errors and page errors (hydration mismatches included). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // The app has no favicon yet; Chromium's request for one is not this page's problem.
    if (message.type() !== 'error' || message.location().url.endsWith('/favicon.ico')) return;
    problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** A colour as the browser computes it. */
function colourOf(
  locator: Locator,
  property: 'backgroundColor' | 'color' = 'backgroundColor',
): Promise<string> {
  return locator.evaluate((el, p) => getComputedStyle(el)[p], property);
}

/** Red, whether the browser reports the colour as rgb(), lab() or oklch() (the build may use any). */
function isRed(value: string): boolean {
  const lab = /^lab\(\s*[\d.]+%?\s+(-?[\d.]+)\s+(-?[\d.]+)/.exec(value);
  if (lab) {
    const [a, b] = [Number(lab[1]), Number(lab[2])];
    const hue = (Math.atan2(b, a) * 180) / Math.PI;
    return Math.hypot(a, b) > 30 && hue > -20 && hue < 50;
  }
  const oklch = /oklch\(\s*[\d.]+%?\s+([\d.]+)\s+([\d.]+)/.exec(value);
  if (oklch) {
    const [chroma, hue] = [Number(oklch[1]), Number(oklch[2])];
    return chroma > 0.1 && (hue < 40 || hue > 340);
  }
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(value);
  return rgb ? Number(rgb[1]) > Number(rgb[2]) + 80 && Number(rgb[1]) > Number(rgb[3]) + 40 : false;
}

test.describe('deploys', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('a deploy appears, advances step by step live, and completes', async ({ page, request }) => {
    const problems = watchProblems(page);
    await open(page, '/deploys');
    // Survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { sbMarker: string }).sbMarker = 'same page'));

    const id = `checkout-${RUN}`;
    await hook(request, {
      deployId: id,
      service: 'checkout',
      environment: 'production',
      version: '2.4.0',
      commit: SHA,
      triggeredBy: 'ana',
      url: 'https://ci.example/checkout/runs/1842',
      status: 'started',
    });
    const card = page.locator(`[data-running-deploys] [data-deploy="${id}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText('Running');
    await expect(card).toContainText('checkout');
    await expect(card).toContainText('production');
    await expect(card).toContainText('2.4.0');
    await expect(page.locator('[data-running-summary]')).toContainText(/[1-9]\d* deploys? running/);

    for (const [step, percent] of [
      ['build', 25],
      ['test', 60],
      ['deploy', 85],
    ] as const) {
      await hook(request, { deployId: id, status: 'in_progress', step, percent });
      await expect(card.locator('[data-current-step]')).toContainText(step);
      await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(percent));
      await expect(card.locator('[data-percent]')).toHaveText(`${percent}%`);
    }
    // Elapsed time ticks by itself.
    const elapsed = card.locator('[data-elapsed]');
    const before = await elapsed.textContent();
    await expect(elapsed).not.toHaveText(before ?? '', { timeout: 3_000 });

    await hook(request, { deployId: id, status: 'success', message: 'Deployed 2.4.0' });
    await expect(card).toHaveAttribute('data-deploy-status', 'success');
    await expect(card).toContainText('Succeeded');
    await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    // The history took it live too, at the top.
    await expect(page.locator(`[data-history-row="${id}"]`)).toHaveAttribute('data-status', 'success');
    await expect(page.locator('[data-history-row]').first()).toHaveAttribute('data-history-row', id);

    expect(await page.evaluate(() => (window as unknown as { sbMarker?: string }).sbMarker)).toBe(
      'same page',
    );
    expect(problems).toEqual([]);
  });

  test('live data is marked stale while the stream is down', async ({ page, request }) => {
    const id = `stale-${RUN}`;
    await hook(request, { deployId: id, service: 'reports', environment: 'production', status: 'started' });
    await open(page, '/deploys');
    await expect(page.locator(`[data-running-deploys] [data-deploy="${id}"]`)).toBeVisible();
    const note = page.locator('[data-stale-note]').first();
    await expect(note).toBeHidden();
    await page.context().setOffline(true);
    await expect(note).toContainText('May be stale');
    await expect(page.locator('[data-running-deploys]')).toHaveAttribute('data-stale', 'true');
    // It ends while this browser is offline; the reconnect brings it (resumed from the last id).
    await hook(request, { deployId: id, status: 'success' });
    await page.context().setOffline(false);
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    await expect(note).toBeHidden();
    await expect(page.locator('[data-running-deploys]')).not.toHaveAttribute('data-stale');
    await expect(page.locator(`[data-running-deploys] [data-deploy="${id}"]`)).toContainText('Succeeded');
    await expect(page.locator(`[data-history-row="${id}"]`)).toHaveAttribute('data-status', 'success');
  });

  test('a page opened mid-deploy shows where the deploy is', async ({ page, request }) => {
    const id = `inventory-${RUN}`;
    await pipeline(
      request,
      { deployId: id, service: 'inventory', environment: 'staging', version: '5.1.0' },
      [
        ['build', 20],
        ['package', 45],
      ],
    );
    await open(page, '/deploys');
    const card = page.locator(`[data-running-deploys] [data-deploy="${id}"]`);
    await expect(card.locator('[data-current-step]')).toContainText('package');
    await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '45');
    await hook(request, { deployId: id, status: 'cancelled', message: 'superseded by 5.1.1' });
    await expect(card).toContainText('Cancelled');
  });

  test('a failure is shown as one, in words and colour, until seen or fixed', async ({ page, request }) => {
    await open(page, '/deploys');
    const id = `payments-${RUN}-1`;
    await pipeline(
      request,
      { deployId: id, service: 'payments', environment: 'production', version: '7.0.3' },
      [['migrate', 40]],
      { status: 'failure', message: 'migration 0042 failed: relation "invoices" already exists' },
    );
    const banner = page.locator(`[data-failed-deploy="${id}"]`);
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Failed');
    await expect(banner).toContainText('payments');
    await expect(banner).toContainText('migrate');
    await expect(banner).toContainText('relation "invoices" already exists');
    const label = await colourOf(banner.locator('[data-failed-label]'));
    expect(isRed(label), label).toBe(true);
    await expect(page.locator('[data-deploy-glance]')).toHaveAttribute('data-deploy-glance', 'bad');
    await expect(page.locator('[data-failed-summary]')).toContainText(/[1-9]\d* failed in the last 24 h/);
    const words = await colourOf(page.locator('[data-failed-summary]'), 'color');
    expect(isRed(words), words).toBe(true);
    const row = page.locator(`[data-history-row="${id}"]`);
    await expect(row).toHaveAttribute('data-status', 'failure');
    await expect(row).toContainText('Failed');

    // It stays across a reload until someone marks it seen, then stays gone.
    await page.reload();
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Mark as seen' }).click();
    await expect(banner).toBeHidden();
    await page.reload();
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    await expect(page.locator(`[data-history-row="${id}"]`)).toBeVisible();
    await expect(banner).toBeHidden();

    // A newer successful deploy of the same service and environment clears a failure, live.
    const second = `payments-${RUN}-2`;
    await pipeline(
      request,
      { deployId: second, service: 'payments', environment: 'production' },
      [['migrate', 40]],
      {
        status: 'failure',
        message: 'timeout',
      },
    );
    await expect(page.locator(`[data-failed-deploy="${second}"]`)).toBeVisible();
    await pipeline(
      request,
      { deployId: `payments-${RUN}-3`, service: 'payments', environment: 'production' },
      [],
      {
        status: 'success',
      },
    );
    await expect(page.locator(`[data-failed-deploy="${second}"]`)).toBeHidden();
  });

  test('the timeline page shows steps with durations, who, commit and the CI run, live', async ({
    page,
    request,
  }) => {
    const problems = watchProblems(page);
    const id = `search-${RUN}`;
    await pipeline(
      request,
      {
        deployId: id,
        service: 'search',
        environment: 'staging',
        version: '0.9.1',
        commit: SHA,
        triggeredBy: 'lee',
        url: 'https://ci.example/search/pipelines/77',
      },
      [['build', 30]],
    );
    await open(page, `/deploys/${id}`);
    const detail = page.locator(`[data-deploy-detail="${id}"]`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('search');
    await expect(detail).toHaveAttribute('data-deploy-status', 'running');
    await expect(page.locator('[data-step="build"]')).toHaveAttribute('data-step-status', 'running');
    await expect(detail).toContainText('lee');
    await expect(detail).toContainText('4f2a9c1');
    await expect(page.locator('[data-ci-link]')).toHaveAttribute(
      'href',
      'https://ci.example/search/pipelines/77',
    );

    // Steps arrive live; the previous step ends when the next starts.
    await page.waitForTimeout(600);
    await hook(request, {
      deployId: id,
      status: 'in_progress',
      step: 'test',
      percent: 70,
      message: 'running 214 tests',
    });
    await expect(page.locator('[data-step="build"]')).toHaveAttribute('data-step-status', 'success');
    await expect(page.locator('[data-step="test"]')).toHaveAttribute('data-step-status', 'running');
    await expect(page.locator('[data-changes]')).toContainText('running 214 tests');
    await page.waitForTimeout(900);
    await hook(request, { deployId: id, status: 'in_progress', step: 'deploy', percent: 90 });
    await page.waitForTimeout(400);
    await hook(request, { deployId: id, status: 'success', message: 'search 0.9.1 is live' });
    await expect(detail).toHaveAttribute('data-deploy-status', 'success');
    await expect(page.locator('[data-step]')).toHaveCount(3);
    for (const step of ['build', 'test', 'deploy']) {
      await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute('data-step-status', 'success');
      await expect(page.locator(`[data-step="${step}"] [data-step-duration]`)).toHaveText(/\d/);
    }
    await expect(page.locator('[data-changes] li')).toHaveCount(5);
    await expect(page.locator('[data-changes]')).toContainText('search 0.9.1 is live');
    await page.screenshot({ path: 'test-results/deploys-timeline.png', fullPage: true });

    await page.getByRole('link', { name: '← All deploys' }).click();
    await expect(page).toHaveURL(/\/deploys$/);
    expect(problems).toEqual([]);
  });

  test('an unknown deploy id says so', async ({ page }) => {
    // The status is 200: the dashboard's loading state streams the response before the page knows.
    await page.goto('/deploys/no-such-deploy');
    await expect(page.getByRole('heading', { name: 'No such deploy' })).toBeVisible();
    await expect(page.getByRole('link', { name: '← All deploys' })).toBeVisible();
  });

  test('the history filters by service and status, in the URL, and pages with before', async ({
    page,
    request,
  }) => {
    const ok = `billing-${RUN}-ok`;
    const failed = `billing-${RUN}-failed`;
    const other = `ledger-${RUN}`;
    await pipeline(
      request,
      { deployId: ok, service: 'billing', environment: 'production' },
      [['build', 50]],
      {
        status: 'success',
      },
    );
    await pipeline(
      request,
      { deployId: failed, service: 'billing', environment: 'production' },
      [['build', 50]],
      {
        status: 'failure',
        message: 'exit code 2',
      },
    );
    await pipeline(request, { deployId: other, service: 'ledger', environment: 'production' }, [], {
      status: 'success',
    });

    await open(page, '/deploys');
    const rows = page.locator('[data-history-row]');
    await expect(page.locator(`[data-history-row="${other}"]`)).toBeVisible();
    // `/` jumps to the filters, as on every page with a search.
    await page.keyboard.press('/');
    await expect(page.getByRole('combobox', { name: /^Service/ })).toBeFocused();

    await page.getByRole('combobox', { name: /^Service/ }).selectOption('billing');
    await expect(page).toHaveURL(/[?&]service=billing(&|#|$)/);
    await expect(page.locator(`[data-history-row="${other}"]`)).toBeHidden();
    await expect(page.locator(`[data-history-row="${ok}"]`)).toBeVisible();
    await expect(page.locator(`[data-history-row="${failed}"]`)).toBeVisible();
    for (const service of await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-service')))) {
      expect(service).toBe('billing');
    }

    await page.getByRole('combobox', { name: /^Status/ }).selectOption('failure');
    await expect(page).toHaveURL(/status=failure/);
    await expect(page.locator(`[data-history-row="${ok}"]`)).toBeHidden();
    await expect(page.locator(`[data-history-row="${failed}"]`)).toBeVisible();
    for (const status of await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))) {
      expect(status).toBe('failure');
    }
    // The filtered page works on its own (a shared link).
    await page.reload();
    await expect(page.locator(`[data-history-row="${failed}"]`)).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Service/ })).toHaveValue('billing');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page.locator(`[data-history-row="${other}"]`)).toBeVisible();

    // Paging: two per page, then the older ones.
    await open(page, '/deploys?limit=2');
    await expect(rows).toHaveCount(2);
    const first = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-history-row')));
    await page.locator('[data-older]').click();
    await expect(page).toHaveURL(/before=\d+/);
    await expect(rows).toHaveCount(2);
    const second = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-history-row')));
    expect(second.some((id) => first.includes(id))).toBe(false);
  });

  test('the overview card sums up deploys live', async ({ page, request }) => {
    // No console check here: the shell's event counters on this page can mismatch at hydration
    // when an event (chat presence) lands first — reported to the shell's owner.
    await open(page, '/');
    const card = page.locator('[data-card="deploys"]');
    const id = `gateway-${RUN}`;
    // Empty or not before, the card switches to (or updates) its live summary.
    await hook(request, {
      deployId: id,
      service: 'gateway',
      environment: 'production',
      version: '1.8.0',
      status: 'started',
    });
    await expect(card.locator('[data-deploys-summary]')).toBeVisible();
    await expect(card.locator(`[data-summary-deploy="${id}"]`)).toContainText('Running');
    await expect(card.locator('[data-running-count]')).toContainText(/[1-9]\d* deploys? running/);
    await hook(request, { deployId: id, status: 'in_progress', step: 'rollout', percent: 50 });
    await expect(card.locator(`[data-summary-deploy="${id}"]`)).toContainText('rollout');
    await hook(request, { deployId: id, status: 'failure', message: 'health check failed' });
    await expect(card.locator(`[data-summary-deploy="${id}"]`)).toContainText('Failed');
    await expect(card.locator('[data-last-failure]')).toContainText('gateway');
  });

  test('screenshots: a busy board on a dark desktop', async ({ page, request }) => {
    test.setTimeout(60_000);
    // A few finished deploys with some spread in duration, for the history and the trends.
    for (const [i, service, ms] of [
      [1, 'api', 900],
      [2, 'web', 500],
      [3, 'api', 1_400],
      [4, 'worker', 300],
    ] as const) {
      await pipeline(
        request,
        {
          deployId: `${service}-${RUN}-${i}`,
          service,
          environment: 'production',
          version: `1.${i}.0`,
          triggeredBy: 'ci',
        },
        [
          ['build', 40],
          ['test', 80],
        ],
        { status: 'success' },
        ms / 3,
      );
    }
    await pipeline(
      request,
      {
        deployId: `worker-${RUN}-failed`,
        service: 'worker',
        environment: 'staging',
        version: '3.2.0',
        commit: SHA,
      },
      [['test', 55]],
      { status: 'failure', message: 'FAIL src/queue.test.ts › retries a job 3 times (expected 3, got 2)' },
    );
    await hook(request, {
      deployId: `api-${RUN}-live`,
      service: 'api',
      environment: 'production',
      version: '1.5.0',
      commit: SHA,
      triggeredBy: 'ana',
      status: 'started',
    });
    await hook(request, { deployId: `api-${RUN}-live`, status: 'in_progress', step: 'test', percent: 62 });
    await hook(request, {
      deployId: `web-${RUN}-live`,
      service: 'web',
      environment: 'staging',
      version: '2.0.0-rc.1',
      status: 'started',
    });
    await hook(request, { deployId: `web-${RUN}-live`, status: 'in_progress', step: 'build', percent: 18 });

    await open(page, '/deploys');
    await expect(page.locator(`[data-failed-deploy="worker-${RUN}-failed"]`)).toBeVisible();
    await expect(page.locator('[data-service-trend]').first()).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'test-results/deploys-desktop-dark.png', fullPage: true });
    await open(page, '/');
    await page.screenshot({ path: 'test-results/deploys-overview-dark.png' });
  });
});

test.describe('deploys on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  test.beforeEach(async ({ page }) => signIn(page));

  test('the board, the history and a timeline fit 375 px', async ({ page, request }) => {
    const problems = watchProblems(page);
    const id = `mobile-${RUN}`;
    await pipeline(
      request,
      {
        deployId: id,
        service: 'notifications',
        environment: 'production',
        version: '4.0.0',
        commit: SHA,
        triggeredBy: 'sam',
      },
      [
        ['build', 30],
        ['test', 65],
      ],
      undefined,
      300,
    );
    await open(page, '/deploys');
    await expect(page.locator(`[data-running-deploys] [data-deploy="${id}"]`)).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/deploys-mobile.png', fullPage: true });

    await page
      .locator(`[data-running-deploys] [data-deploy="${id}"]`)
      .getByRole('link', { name: 'Timeline →' })
      .click();
    await expect(page).toHaveURL(new RegExp(`/deploys/${id}$`));
    await expect(page.locator('[data-step="test"]')).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/deploys-timeline-mobile.png', fullPage: true });
    expect(problems).toEqual([]);
  });
});
