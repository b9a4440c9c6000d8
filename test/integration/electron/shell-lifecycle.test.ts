import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_FILE, DATABASE_FILE } from '../../../src-main/services/workspace/workspace-files';
import type { AppInfo } from '../../../src-shared/model/app-info';
import type { Result } from '../../../src-shared/result';
import {
  codeOf,
  RENDERER_FRAME,
  RENDERER_URL,
  shellFolders,
  startShell,
  type ShellProcess,
} from '../../support/electron/shell-process';

// The built desktop shell started and ended in other ways than shell.test.ts's: windows shown,
// closed and reopened, quitting, the workspace from app.getPath('userData'), a workspace that cannot
// open, the dev server's URL, and the darwin branches. One child process per scenario.

describe('windows and quitting (Linux)', () => {
  const folders = shellFolders();
  const { workspaceDir } = folders;
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await startShell(folders);
  });
  afterAll(() => {
    shell?.kill();
    folders.remove();
  });

  it("shows the window on 'ready-to-show', not before", async () => {
    expect((await shell.record()).windows[0]!.shown).toBe(0);
    await shell.windowEvent(1, 'ready-to-show');
    expect((await shell.record()).windows[0]!.shown).toBe(1);
  });

  it('sends nothing to a closed window and quits when the last one closes', async () => {
    await shell.closeWindow(1);
    const record = await shell.record();
    expect(record.windows[0]!.destroyed).toBe(true);
    expect(record.appCalls).toContainEqual({ method: 'quit', args: [] });
    // An event after the close: the shell must not send to the destroyed webContents (it throws).
    const result = await shell.invoke('settings:set', { theme: 'dark' }, RENDERER_FRAME);
    expect(codeOf(result)).toBeUndefined();
    expect((await shell.record()).windows[0]!.sent).toEqual([]);
  });

  it("opens a window wired like the first on 'activate' when none is open, and only then", async () => {
    await shell.appEvent('activate');
    await shell.appEvent('activate');
    const { windows } = await shell.record();
    expect(windows).toHaveLength(2);
    const [first, second] = windows;
    expect(second!.options).toEqual(first!.options);
    expect(second!.loadedUrls).toEqual([RENDERER_URL]);
    expect(second!.hasWindowOpenHandler).toBe(true);
    expect(second!.webContentsListeners).toContain('will-navigate');
    expect(await shell.navigate(2, 'https://evil.example/')).toEqual({ prevented: true });
    await shell.invoke('settings:set', { theme: 'light' }, RENDERER_FRAME, 2);
    const changed = await shell.waitForSent((message) => message.channel === 'settings:changed');
    expect(changed).toEqual({
      windowId: 2,
      channel: 'settings:changed',
      payload: expect.objectContaining({ theme: 'light' }),
    });
  });

  it("holds the quit on 'will-quit' until the workspace is closed, then exits 0", async () => {
    // SQLite removes a WAL file when its last connection closes. Checked while the process lives:
    // better-sqlite3 also closes databases when a process exits, which would hide a missing close.
    const wal = [DATABASE_FILE, CONTROL_FILE].map((file) => join(workspaceDir, `${file}-wal`));
    expect(wal.filter((path) => existsSync(path))).toEqual(wal);
    expect(await shell.quit()).toEqual({ held: true, exitCode: 0 });
    expect(wal.filter((path) => existsSync(path))).toEqual([]);
    expect(codeOf(await shell.invoke('app:info', {}, RENDERER_FRAME, 2))).toBe('INTERNAL');
    expect(await shell.end()).toBe(0);
  });
});

describe('the workspace folder', () => {
  const folders = shellFolders();
  let shell: ShellProcess | undefined;
  afterAll(() => {
    shell?.kill();
    folders.remove();
  });

  it("is app.getPath('userData') when neither --workspace nor INTAKE_HOME says otherwise", async () => {
    shell = await startShell({ ...folders, workspaceDir: undefined });
    const info = (await shell.invoke('app:info', {}, RENDERER_FRAME)) as Result<AppInfo>;
    expect(info.ok && info.data.workspacePath).toBe(folders.userDataDir);
    expect((await shell.record()).appCalls).toContainEqual({ method: 'getPath', args: ['userData'] });
  });

  it('that cannot be opened is reported in an error box and the app exits 1, serving nothing', async () => {
    // An Electron build of better-sqlite3 where the shell looks for one: it cannot load here.
    const broken = shellFolders();
    mkdirSync(join(broken.appPath, 'native', 'electron'), { recursive: true });
    writeFileSync(join(broken.appPath, 'native', 'electron', 'better_sqlite3.node'), 'not a binary');
    const failing = await startShell(broken);
    try {
      const record = await failing.record();
      expect(record.errorBoxes).toHaveLength(1);
      expect(record.errorBoxes[0]!.title).toBe('Intake cannot open its workspace');
      expect(record.errorBoxes[0]!.content).toContain(broken.workspaceDir);
      expect(record.errorBoxes[0]!.content).toContain('npm run build:electron-sqlite');
      expect(record.appCalls).toContainEqual({ method: 'exit', args: [1] });
      expect(record.handlers).toEqual([]);
      expect(record.windows).toEqual([]);
      expect(record.applicationMenu).toBeNull();
    } finally {
      failing.kill();
      broken.remove();
    }
  });
});

describe('with the dev server (ELECTRON_RENDERER_URL as electron-vite sets it)', () => {
  const devUrl = 'http://localhost:5173';
  const folders = shellFolders();
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await startShell({ ...folders, env: { ELECTRON_RENDERER_URL: devUrl } });
  });
  afterAll(() => {
    shell?.kill();
    folders.remove();
  });

  it("loads the dev server and trusts its origin's top frame only", async () => {
    expect((await shell.record()).windows[0]!.loadedUrls).toEqual([devUrl]);
    for (const url of [`${devUrl}/`, `${devUrl}/#/imports`]) {
      expect(codeOf(await shell.invoke('app:info', {}, { url, parent: null })), url).toBeUndefined();
    }
    for (const url of ['http://localhost:5174/', 'http://localhost:5173.evil.example/', RENDERER_URL]) {
      expect(codeOf(await shell.invoke('app:info', {}, { url, parent: null })), url).toBe('UNAUTHORIZED');
    }
    expect(await shell.navigate(1, `${devUrl}/#/runs`)).toEqual({ prevented: false });
    expect(await shell.navigate(1, 'https://evil.example/')).toEqual({ prevented: true });
  });

  // electron-vite's URL has no trailing slash: a prefix check would let these through.
  it('prevents navigation to origins that merely start with the dev URL', async () => {
    for (const url of ['http://localhost:5173.evil.example/', 'http://localhost:51730/']) {
      expect(await shell.navigate(1, url), url).toEqual({ prevented: true });
    }
  });
});

describe('on darwin (process.platform faked: the branches, not macOS)', () => {
  const folders = shellFolders();
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await startShell({ ...folders, platform: 'darwin' });
  });
  afterAll(() => {
    shell?.kill();
    folders.remove();
  });

  it('starts the menu with the app menu and ends File with Close', async () => {
    const record = await shell.record();
    const menu = record.menus[record.applicationMenu!]!;
    expect(menu[0]).toEqual({ role: 'appMenu' });
    expect(menu[1]!.label).toBe('File');
    expect(menu[1]!.submenu!.at(-1)).toEqual({ role: 'close' });
  });

  it('stays running when the last window closes, and reopens one on activate', async () => {
    await shell.closeWindow(1);
    expect((await shell.record()).appCalls.filter((call) => call.method === 'quit')).toEqual([]);
    await shell.appEvent('activate');
    const { windows } = await shell.record();
    expect(windows.map((window) => window.destroyed)).toEqual([true, false]);
  });
});
