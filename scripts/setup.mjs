// `npm run setup`: installs Intake's dependencies exactly as locked (npm ci), without downloading
// the Electron binary at install time. `npm start` fetches it when it is first needed, and falls
// back to the web host where it cannot be downloaded, so the install never fails for want of it.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
