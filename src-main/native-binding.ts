import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 binary compiled for Electron's ABI (scripts/build-electron-sqlite.mjs).
 * It lives apart from node_modules' Node build so tests and the app never fight over one file.
 */
export function electronSqliteBinding(
  appPath: string,
  resourcesPath: string,
  packaged: boolean,
): string | undefined {
  const path = packaged
    ? join(resourcesPath, 'native', 'better_sqlite3.node')
    : join(appPath, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(path) ? path : undefined;
}
