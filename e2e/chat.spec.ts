import { createHmac } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN } from './credentials';

/** The second user, created through the admin API. */
const DANA = { username: 'dana', password: 'dana-e2e-password', role: 'viewer' } as const;
/** Must match DEPLOY_WEBHOOK_SECRET in playwright.config.ts (webServer env). */
const DEPLOY_SECRET = 'e2e-deploy-webhook-secret';

async function signedInContext(browser: Browser, user: { username: string; password: string }, options = {}) {
  const context = await browser.newContext(options);
  const response = await context.request.post('/api/auth/login', { data: user });
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

const chatIndicator = (page: Page) =>
  page.getByRole('group', { name: 'Transports' }).locator('[data-transport="WebSocket chat"]');
const messages = (page: Page) => page.locator('[data-chat-messages]:visible');
const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

async function openChat(page: Page, path = '/chat') {
  await page.goto(path);
  await expect(chatIndicator(page)).toHaveAttribute('data-state', 'connected');
}

test.describe('chat', () => {
  let admin: BrowserContext;
  let dana: BrowserContext;

  test.beforeAll(async ({ browser }) => {
    admin = await signedInContext(browser, ADMIN);
    const created = await admin.request.post('/api/users', { data: DANA });
    expect([201, 409]).toContain(created.status());
    dana = await signedInContext(browser, DANA);
  });
  test.afterAll(async () => {
    await admin?.close();
    await dana?.close();
  });

  test('a message typed in one browser appears in the other, as text, with the mention highlighted', async () => {
    const a = await admin.newPage();
    const d = await dana.newPage();
    const problems: string[] = [];
    for (const page of [a, d]) {
      // The app has no favicon yet: Chromium's automatic /favicon.ico 404 is not this feature's problem.
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
    }
    await openChat(a);
    await openChat(d);
    await expect(d.locator('[data-chat-title]')).toHaveText('#ops');

    const hostile =
      'Hi @dana: **rollback** with `make undo` <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> https://runbook.example/rollback';
    await composer(a).fill(hostile);
    await composer(a).press('Enter');
    const received = messages(d).locator('li[data-message-id]').filter({ hasText: 'rollback with' });
    await expect(received).toHaveCount(1);
    await expect(received).toContainText('<script>window.__pwned = 1</script>');
    await expect(received.locator('strong')).toHaveText('rollback');
    await expect(received.locator('code')).toHaveText('make undo');
    await expect(received.getByRole('link', { name: 'https://runbook.example/rollback' })).toHaveAttribute(
      'href',
      'https://runbook.example/rollback',
    );
    await expect(received).toHaveAttribute('data-mention', '');
    expect(await received.locator('script, img').count()).toBe(0);
    expect(await d.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The sender sees it confirmed, not pending.
    await expect(messages(a).locator('li[data-message-id]').filter({ hasText: 'rollback with' })).toHaveCount(
      1,
    );
    await expect(messages(a).locator('[data-pending]')).toHaveCount(0);

    await composer(d).fill('On it, @admin.');
    await composer(d).press('Enter');
    await expect(messages(a).locator('li[data-message-id]').filter({ hasText: 'On it,' })).toHaveCount(1);
    await d.screenshot({ path: 'test-results/chat-two-users.png' });
    await a.screenshot({ path: 'test-results/chat-sender.png' });
    await d.getByRole('button', { name: 'Switch to light theme' }).click();
    await d.screenshot({ path: 'test-results/chat-light.png' });
    await d.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(problems).toEqual([]);
    await a.close();
    await d.close();
  });

  test('a failed deploy from the signed webhook appears in #ops, links to the deploy, and can be taken', async () => {
    const a = await admin.newPage();
    await openChat(a);
    const send = async (body: Record<string, unknown>) => {
      const raw = JSON.stringify(body);
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', DEPLOY_SECRET).update(`${ts}.${raw}`).digest('hex');
      const res = await a.request.post('/api/webhooks/deploy', {
        data: raw,
        headers: {
          'content-type': 'application/json',
          'x-signalboard-timestamp': ts,
          'x-signalboard-signature': `sha256=${sig}`,
        },
      });
      expect(res.status(), await res.text()).toBe(200);
    };
    await send({ deployId: 'e2e-fail-1', service: 'checkout', environment: 'production', status: 'started' });
    await send({
      deployId: 'e2e-fail-1',
      service: 'checkout',
      environment: 'production',
      status: 'failure',
      message: 'smoke tests failed',
    });

    const notice = messages(a).locator('li[data-system]').filter({ hasText: 'Deploy of checkout failed' });
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('smoke tests failed');
    await expect(notice).toContainText('Critical alert');
    await expect(notice.getByRole('link', { name: /Deploy e2e-fail-1/ })).toHaveAttribute(
      'href',
      '/deploys/e2e-fail-1',
    );
    await a.screenshot({ path: 'test-results/chat-ops-deploy-failure.png' });
    await notice.getByRole('button', { name: 'Take it (/ack)' }).click();
    await expect(notice.locator('[data-acked-by]')).toContainText('Taken by admin');
    await expect(
      messages(a).locator('li[data-message-id]').filter({ hasText: 'admin took alert' }),
    ).toHaveCount(1);
    await a.close();
  });

  test('messages typed offline wait in the page and are sent once when the connection is back', async () => {
    const a = await admin.newPage();
    const d = await dana.newPage();
    await openChat(a, '/chat?channel=incidents');
    await openChat(d, '/chat?channel=incidents');
    await admin.setOffline(true);
    await expect(chatIndicator(a)).toHaveAttribute('data-state', 'offline');
    await expect(a.locator('[data-chat-banner]')).toContainText('Offline: no network');
    await composer(a).fill('typed while offline');
    await composer(a).press('Enter');
    await expect(messages(a).locator('[data-pending="queued"]')).toContainText('typed while offline');
    await expect(a.locator('[data-chat-banner]')).toContainText('1 message will be sent when it is back');
    await a.screenshot({ path: 'test-results/chat-offline.png' });
    await admin.setOffline(false);
    await expect(chatIndicator(a)).toHaveAttribute('data-state', 'connected');
    const arrived = messages(d).locator('li[data-message-id]').filter({ hasText: 'typed while offline' });
    await expect(arrived).toHaveCount(1);
    await expect(messages(a).locator('[data-pending]')).toHaveCount(0);
    // Still once after a moment (no late duplicate).
    await d.waitForTimeout(500);
    await expect(arrived).toHaveCount(1);
    await a.close();
    await d.close();
  });

  test('the side panel works beside another page, with unread counts', async () => {
    const a = await admin.newPage();
    const d = await dana.newPage();
    await openChat(d, '/deploys');
    await openChat(a);
    await composer(a).fill('Panel check: deploy window opens at 14:00');
    await composer(a).press('Enter');
    const toggle = d.locator('[data-chat-toggle]');
    await expect(toggle).toContainText(/Chat\s*\d+/);
    await toggle.click();
    const panel = d.getByRole('complementary', { name: 'Chat panel' });
    await expect(panel.locator('li[data-message-id]').filter({ hasText: 'Panel check' })).toHaveCount(1);
    await panel.getByRole('textbox', { name: 'Message #ops' }).fill('Seen from the deploys page');
    await panel.getByRole('textbox', { name: 'Message #ops' }).press('Enter');
    await expect(
      messages(a).locator('li[data-message-id]').filter({ hasText: 'Seen from the deploys page' }),
    ).toHaveCount(1);
    await d.screenshot({ path: 'test-results/chat-panel.png' });
    await d.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await a.close();
    await d.close();
  });

  test('works at phone width: the page and the panel', async ({ browser }) => {
    const phone = await signedInContext(browser, DANA, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    await page.goto('/chat');
    await expect(page.locator('[data-chat-title]')).toHaveText('#ops');
    await expect(messages(page).locator('li[data-message-id]').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await composer(page).fill('From my phone');
    await composer(page).press('Enter');
    await expect(
      messages(page).locator('li[data-message-id]').filter({ hasText: 'From my phone' }),
    ).toHaveCount(1);
    await page.screenshot({ path: 'test-results/chat-mobile.png' });

    await page.goto('/');
    await page.locator('[data-chat-toggle]').click();
    const panel = page.getByRole('complementary', { name: 'Chat panel' });
    await expect(panel.locator('li[data-message-id]').filter({ hasText: 'From my phone' })).toHaveCount(1);
    const box = await panel.boundingBox();
    expect(box?.width).toBe(375);
    await page.screenshot({ path: 'test-results/chat-panel-mobile.png' });
    await phone.close();
  });
});
