// `npm start`: builds Intake and launches the Electron app. Where the Electron binary (or its
// build of better-sqlite3) cannot be obtained, it says so in one line and starts the web host in
// an app window instead: the same renderer and handlers, served by `intake serve --open`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (command, args, env = process.env) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });

if (run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']).status !== 0)
  process.exit(1);

function electronBinary() {
  try {
    const path = require('electron');
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function obtainElectron() {
  if (electronBinary()) return electronBinary();
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const download = spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    cwd: root,
    env,
    stdio: 'pipe',
    timeout: 300_000,
  });
  return download.status === 0 ? electronBinary() : null;
}

function obtainElectronSqlite() {
  if (existsSync(`${root}/native/electron/better_sqlite3.node`)) return true;
  return (
    spawnSync(process.execPath, ['scripts/build-electron-sqlite.mjs'], { cwd: root, stdio: 'pipe' })
      .status === 0
  );
}

const electron = obtainElectron();
if (electron && obtainElectronSqlite()) {
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const missing = electron ? "Electron's build of better-sqlite3" : 'the Electron binary';
  console.log(
    `Intake: ${missing} cannot be downloaded on this machine; starting the web host instead (intake serve --open).`,
  );
  const child = spawn(process.execPath, ['bin/intake.mjs', 'serve', '--open', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
