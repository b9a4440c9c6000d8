// Produces native/electron/better_sqlite3.node: better-sqlite3 compiled for Electron's ABI.
// node_modules keeps the Node build (tests, CLI, web host); the Electron shell loads this copy
// through better-sqlite3's `nativeBinding` option, so the two never overwrite each other.
// Needs network access to Electron's headers or better-sqlite3's prebuilt binaries.
import { cpSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const source = join(root, 'node_modules', 'better-sqlite3');
const work = mkdtempSync(join(tmpdir(), 'intake-electron-sqlite-'));
const target = join(root, 'native', 'electron');

cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });
const attempts = [
  [
    process.execPath,
    [
      join(root, 'node_modules/prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
    ],
  ],
  [
    process.execPath,
    [
      join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
  ],
];
let built = false;
for (const [command, args] of attempts) {
  if (!existsSync(args[0])) continue;
  if (spawnSync(command, args, { cwd: work, stdio: 'inherit' }).status === 0) {
    built = existsSync(join(work, 'build', 'Release', 'better_sqlite3.node'));
    if (built) break;
  }
}
if (built) {
  mkdirSync(target, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(target, 'better_sqlite3.node'));
  console.log(`Built better-sqlite3 for Electron ${electronVersion}: ${join(target, 'better_sqlite3.node')}`);
}
rmSync(work, { recursive: true, force: true });
if (!built) {
  console.error(
    `Could not build better-sqlite3 for Electron ${electronVersion}: Electron's headers and prebuilt binaries are unreachable from here.`,
  );
  process.exit(1);
}
