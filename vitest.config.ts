import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: integration suites start servers and worker pools of their own.
    maxWorkers: 2,
    // Private servers on 127.0.0.1, started in parallel and stopped by PID; workers inherit how to
    // reach them through the environment: a gnome-keyring on its own D-Bus for the keychain tests,
    // PostgreSQL and MariaDB for the SQL sources, sshd, s3rver, Azurite and the GCS fake for storage.
    globalSetup: [
      'test/servers/keyring-setup.mjs',
      'test/servers/sql-setup.mjs',
      'test/servers/storage-setup.mjs',
    ],
  },
});
