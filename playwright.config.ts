import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built renderer through the web host in Debian's Chromium.
// Browsers are never downloaded (`npx playwright install` is not used): set CHROMIUM_PATH elsewhere.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
    viewport: { width: 1280, height: 800 },
  },
});
