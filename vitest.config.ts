import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: integration suites start servers and worker pools of their own.
    maxWorkers: 2,
    // A private gnome-keyring on its own D-Bus for the keychain tests; workers inherit its address.
    globalSetup: ['test/servers/keyring-setup.mjs'],
  },
});
