import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from './credentials';

/** Signs in through the API; the cookie lands in the page's browser context. */
async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', { data: ADMIN });
  expect(response.status()).toBe(200);
}

async function publish(page: Page, baseURL: string, type: string, data: Record<string, unknown>) {
  const response = await page.request.post('/api/events', {
    data: { type, data },
    headers: { Origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(201);
}

const sse = (page: Page) => page.getByRole('group', { name: 'Transports' }).locator('[data-transport="SSE"]');

test.describe('sign-in', () => {
  test('an anonymous visit is sent to the login page, and back after signing in', async ({ page }) => {
    await page.goto('/deploys');
    await expect(page).toHaveURL(/\/login\?next=%2Fdeploys$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Invalid username or password.');
    await page.screenshot({ path: 'test-results/login-error.png' });

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByLabel('Password').press('Enter');
    await expect(page).toHaveURL(/\/deploys$/);
    await expect(page.getByRole('heading', { name: 'Deploys', level: 1 })).toBeVisible();
  });

  test('an off-site next parameter is ignored', async ({ page }) => {
    await page.goto('/login?next=//evil.example/steal');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  });
});

test.describe('shell', () => {
  test.beforeEach(async ({ page }) => signIn(page));

  test('renders the overview, goes live, and shows a published event', async ({ page, baseURL }) => {
    const problems: string[] = [];
    page.on(
      'console',
      (message) =>
        message.type() === 'error' &&
        !message.location().url.endsWith('/favicon.ico') &&
        problems.push(message.text()),
    );
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of [
      'Overview',
      'Deploys',
      'Logs',
      'Uptime',
      'Sensors',
      'Chat',
      'Metrics',
      'Transports',
    ]) {
      await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
    }
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    await expect(sse(page)).toContainText('connected');
    await expect(page.locator('[data-transport="MQTT"]')).toContainText('broker up');
    const status = page.locator('[data-live-status]');
    await expect(status).toContainText('Live');
    await expect(status).toContainText('0 events since load');
    // Other specs may have created deploys already: the card shows either its summary or its teaching state.
    await expect(page.locator('[data-card="deploys"]')).toBeVisible();

    await publish(page, baseURL!, 'deploy-start', {
      deployId: 'e2e-1',
      service: 'api',
      environment: 'production',
    });
    await expect(status).toContainText('1 event since load');
    await expect(page.locator('[data-card="deploys"] [data-count]')).toHaveText('1');
    await expect(page.locator('[data-card="logs"] [data-count]')).toHaveText('0');

    await page.locator('[data-card="sensors"]').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/shell-overview-dark.png', fullPage: true });

    // The event is in the deploys page's raw list too (same connection, kept across navigation).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deploys' }).click();
    await expect(page.locator('[data-recent-events="deploys"] li')).toHaveCount(1);
    await expect(page.locator('[data-recent-events="deploys"]')).toContainText('e2e-1');
    await page.screenshot({ path: 'test-results/shell-deploys.png', fullPage: true });
    // No hydration mismatches or runtime errors on the way.
    expect(problems).toEqual([]);
  });

  test('the theme toggle switches to light and remembers it', async ({ page }) => {
    await page.goto('/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    await page.screenshot({ path: 'test-results/shell-overview-light.png', fullPage: true });
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });

  test('keyboard shortcuts jump between pages', async ({ page }) => {
    await page.goto('/');
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await expect(page).toHaveURL(/\/logs$/);
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    await expect(page).toHaveURL(/\/transports$/);
    await expect(page.getByRole('heading', { name: 'Transports', level: 1 })).toBeVisible();
  });

  test('the user menu shows the role and signs out', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /admin/ }).click();
    await expect(page.locator('[data-user-role]')).toHaveText('admin');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=/);
  });
});

test.describe('phone width', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  test.beforeEach(async ({ page }) => signIn(page));

  test('the menu collapses and every page is reachable', async ({ page }) => {
    await page.goto('/');
    await expect(sse(page)).toHaveAttribute('data-state', 'connected');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/shell-mobile.png', fullPage: true });

    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toBeVisible();
    await menu.click();
    const nav = page.locator('#mobile-nav');
    await expect(nav.getByRole('link')).toHaveCount(8);
    await page.screenshot({ path: 'test-results/shell-mobile-menu.png' });
    await nav.getByRole('link', { name: 'Sensors' }).click();
    await expect(page).toHaveURL(/\/sensors$/);
    await expect(nav).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Sensors', level: 1 })).toBeVisible();
  });
});
