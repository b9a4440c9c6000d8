import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    `${process.env['PROGRAMFILES'] ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Microsoft\\Edge\\Application\\msedge.exe`,
  ],
};

/** The first installed Chromium-family browser, or null. */
export function findChromium(): string | null {
  for (const candidate of CANDIDATES[process.platform] ?? []) {
    if (candidate.includes('/') || candidate.includes('\\')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const path = join(dir, candidate);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

/**
 * Opens the URL as an app window (no tabs, no address bar) with its own profile folder, so
 * Intake behaves like a desktop window rather than a tab of the user's browser.
 */
export function openAppWindow(url: string, profileDir: string): string | null {
  const browser = findChromium();
  if (!browser) return null;
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  spawn(browser, args, { detached: true, stdio: 'ignore' }).unref();
  return browser;
}
