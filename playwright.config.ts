import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './e2e/credentials';

/**
 * End-to-end tests against the production build (`npm run build` first): the custom server on its own
 * port with a fresh data directory, so a running instance and earlier runs never interfere.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Workers load this file too: the directory is made once and handed down through the environment.
process.env.SIGNALBOARD_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'signalboard-e2e-'));
const DATA_DIR = process.env.SIGNALBOARD_E2E_DATA_DIR;

// Debian's Chromium where it is installed (Playwright cannot download browsers everywhere); elsewhere
// Playwright's own build.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const launchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        // Without these Chromium keeps calling home, which floods a closed network.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  // One server and a 2-core machine: tests run one after another.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: 'node dist/server.js',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      SIGNALBOARD_ADMIN_PASSWORD: ADMIN.password,
      SIMULATORS: 'off',
      NODE_ENV: 'production',
      // e2e/deploys.spec.ts and e2e/chat.spec.ts sign their generic deploy webhooks with this secret.
      DEPLOY_WEBHOOK_SECRET: 'e2e-deploy-webhook-secret',
      // e2e/live-metrics.spec.ts: the WebTransport listener's UDP port, away from a running instance's 4433.
      WT_PORT: process.env.E2E_WT_PORT ?? String(PORT + 1),
      // The MQTT broker's TCP port, away from a running instance's 1883 (e2e/sensors.spec.ts uses /mqtt).
      MQTT_PORT: process.env.E2E_MQTT_PORT ?? String(PORT + 2),
    },
  },
});
