import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_FILE } from '../../../src-main/services/workspace/workspace-files';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/content-security-policy';
import { requestNames, requests, type IntakeApi } from '../../../src-shared/contract';
import type { AppInfo } from '../../../src-shared/model/app-info';
import { MENU_COMMANDS } from '../../../src-shared/model/menu';
import { loadPreload } from '../../support/electron/preload-sandbox';
import {
  codeOf,
  dataOf,
  OUT_DIR,
  RENDERER_FRAME,
  RENDERER_URL,
  shellFolders,
  startShell,
  type SenderFrame,
  type ShellProcess,
} from '../../support/electron/shell-process';

// The desktop shell's own code, run from the BUILT bundles (npm test builds first): out/main/index.js
// in a child Node process whose 'electron' is a recording stand-in, and out/preload/index.cjs in a
// sandbox-like vm. It proves what the shell asks of Electron and does with its answers; not what
// only Electron can show (Chromium enforcing the options and the CSP, IPC's own serialization,
// native dialogs, packaging, the Electron build of better-sqlite3, macOS and Windows). Files and
// dialogs are in shell-files.test.ts; starting and ending the shell in shell-lifecycle.test.ts.

const evilFrame: SenderFrame = { url: 'https://evil.example/', parent: null };
const folders = shellFolders();
let shell: ShellProcess;
/** The preload's window.intake, its ipcRenderer wired to the shell's ipcMain as the renderer's frame. */
let intake: IntakeApi;

/** How many sources the workspace has registered, read from its database by another connection. */
function sourceCount(): number {
  const db = new BetterSqlite3(join(folders.workspaceDir, CONTROL_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  shell = await startShell(folders);
  const preload = loadPreload((channel, payload) => shell.invoke(channel, payload, RENDERER_FRAME));
  intake = preload.exposed.intake as IntakeApi;
});

afterAll(() => {
  shell?.kill();
  folders.remove();
});

describe('the window', () => {
  it('is created once with the renderer locked down and the built preload', async () => {
    const { windows } = await shell.record();
    expect(windows).toHaveLength(1);
    const [window] = windows;
    const preloadPath = window!.options.webPreferences?.preload;
    expect(preloadPath).toBe(join(OUT_DIR, 'preload', 'index.cjs'));
    expect(existsSync(preloadPath!)).toBe(true);
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window!.options.webPreferences?.webSecurity).not.toBe(false);
    // Hidden until Chromium has painted it (see shell-lifecycle.test.ts for 'ready-to-show').
    expect(window!.options.show).toBe(false);
    expect(window!.loadedUrls).toEqual([RENDERER_URL]);
    expect(existsSync(fileURLToPath(RENDERER_URL))).toBe(true);
  });

  it('puts the shared CSP on every response, replacing any other', async () => {
    expect((await shell.record()).hasHeadersListener).toBe(true);
    const response = await shell.headersReceived({
      url: RENDERER_URL,
      resourceType: 'mainFrame',
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src *'] },
    });
    expect(response.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('grants clipboard-sanitized-write and no other permission', async () => {
    expect(await shell.permission('clipboard-sanitized-write')).toBe(true);
    const refused = [
      'clipboard-read',
      'media',
      'display-capture',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'keyboardLock',
      'midi',
      'midiSysex',
      'mediaKeySystem',
      'fileSystem',
      'hid',
      'serial',
      'usb',
      'idle-detection',
      'window-management',
      'unknown',
    ];
    for (const permission of refused) expect(await shell.permission(permission), permission).toBe(false);
  });

  it('denies every window.open and hands only http(s) links to the browser', async () => {
    const urls = [
      'https://example.com/docs',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      `${RENDERER_URL}#/imports`,
    ];
    for (const url of urls) expect(await shell.openWindow(1, url), url).toEqual({ action: 'deny' });
    expect((await shell.record()).openedExternally).toEqual([
      'https://example.com/docs',
      'http://example.com/',
    ]);
  });

  it('stays on the renderer page: navigation anywhere else is prevented', async () => {
    expect(await shell.navigate(1, `${RENDERER_URL}#/imports`)).toEqual({ prevented: false });
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      pathToFileURL(join(OUT_DIR, 'renderer', 'other.html')).href,
    ]) {
      expect(await shell.navigate(1, url), url).toEqual({ prevented: true });
    }
  });

  // A prefix check would let a file whose path starts with index.html's through.
  it('prevents navigation to a file whose path merely starts with the renderer page', async () => {
    for (const url of [`${RENDERER_URL}.evil.html`, RENDERER_URL.replace(/index\.html$/, 'index.htmlx')]) {
      expect(await shell.navigate(1, url), url).toEqual({ prevented: true });
    }
  });
});

describe('IPC', () => {
  it("registers each of the contract's requests once, and nothing else", async () => {
    const { handlers } = await shell.record();
    // The stand-in throws on a second handler for a channel, as Electron does. The expectation is
    // src-shared's contract, so a bundle built before a contract change fails here: rebuild.
    expect([...handlers].sort(), 'out/main is older than the contract? npm run build').toEqual(
      [...requestNames].sort(),
    );
  });

  it('answers the renderer from the real handlers: app:info, and settings round trips with an event', async () => {
    const info = dataOf<AppInfo>(await intake.request['app:info']({}));
    expect(info).toMatchObject({ shell: 'electron', workspacePath: folders.workspaceDir, name: 'Intake' });
    expect(info.version).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    );
    // Plain Node, not Electron: what this suite cannot prove.
    expect(info.versions.electron).toBeNull();
    // The regional format first (the stand-in's English UI with Czech regional settings), so the
    // renderer formats dates and numbers in Czech rather than in the UI language.
    expect(info.locales).toEqual(['cs-CZ', 'en-US']);

    const before = dataOf(await intake.request['settings:get']({}));
    const theme = before.theme === 'dark' ? 'light' : 'dark';
    expect(dataOf(await intake.request['settings:set']({ theme })).theme).toBe(theme);
    expect(dataOf(await intake.request['settings:get']({})).theme).toBe(theme);
    const changed = await shell.waitForSent(
      (message) =>
        message.channel === 'settings:changed' && (message.payload as { theme: string }).theme === theme,
    );
    expect(changed.windowId).toBe(1);
  });

  it("reaches every request from the renderer's frame: an empty payload is answered, or refused by its schema", async () => {
    for (const name of requestNames) {
      if (name === 'sources:choose') {
        await shell.answerDialog('showOpenDialog', { canceled: true, filePaths: [] });
      }
      const code = codeOf(await shell.invoke(name, {}, RENDERER_FRAME));
      // The contract's own schema says which: the handler answers what it accepts.
      const expected = requests[name].schema.safeParse({}).success ? undefined : 'VALIDATION';
      expect(code, name).toBe(expected);
    }
  });

  it('refuses every request from another page, runs no handler and logs each refusal', async () => {
    const theme = dataOf(await intake.request['settings:get']({})).theme;
    const dialogs = (await shell.record()).dialogs.length;
    const sources = sourceCount();
    const file = join(folders.dir, 'untrusted.csv');
    writeFileSync(file, 'id\n1\n');
    const payloads: Record<string, unknown> = {
      'settings:set': { theme: theme === 'dark' ? 'light' : 'dark' },
      'sources:addPath': { path: file },
      'sources:addPaste': { text: 'id\n1\n' },
    };
    for (const name of requestNames) {
      const result = await shell.invoke(name, payloads[name] ?? {}, evilFrame);
      expect(result, name).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'This window may not call Intake.' },
      });
    }
    // Nothing happened: the setting, the dialogs shown and the sources are as they were.
    expect(dataOf(await intake.request['settings:get']({})).theme).toBe(theme);
    expect((await shell.record()).dialogs).toHaveLength(dialogs);
    expect(sourceCount()).toBe(sources);

    const refusals = readFileSync(join(folders.workspaceDir, 'logs', 'intake.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'refused IPC request from an untrusted frame');
    expect(refusals.every((line) => line.level === 'warn' && line.url === evilFrame!.url)).toBe(true);
    expect(refusals.map((line) => line.name)).toEqual(requestNames);
  });

  it('refuses frames that only look like the renderer: another file, a subframe, a gone frame, a bad URL', async () => {
    const lookalikes: SenderFrame[] = [
      { url: pathToFileURL(join(OUT_DIR, 'renderer', 'other.html')).href, parent: null },
      { url: RENDERER_URL.replace('file://', 'http://localhost'), parent: null },
      { url: RENDERER_URL, parent: { url: RENDERER_URL } },
      { url: 'not a url', parent: null },
      null,
    ];
    for (const frame of lookalikes) {
      expect(codeOf(await shell.invoke('app:info', {}, frame)), JSON.stringify(frame)).toBe('UNAUTHORIZED');
    }
    // The page itself, with a hash route or a query, is the renderer.
    for (const url of [`${RENDERER_URL}#/imports/new`, `${RENDERER_URL}?tab=runs`]) {
      expect(codeOf(await shell.invoke('app:info', {}, { url, parent: null })), url).toBeUndefined();
    }
  });
});

describe('the menu', () => {
  it('is the application menu, built from this template', async () => {
    const record = await shell.record();
    expect(record.applicationMenu).not.toBeNull();
    expect(record.menus[record.applicationMenu!]).toEqual([
      {
        label: 'File',
        submenu: [
          { label: 'New Import', accelerator: 'CmdOrCtrl+N', click: true },
          { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: true },
          { label: 'Paste as New Import', accelerator: 'CmdOrCtrl+Shift+V', click: true },
          { type: 'separator' },
          { role: 'quit', label: 'Quit' },
        ],
      },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'help', submenu: [{ label: 'About Intake', click: true }] },
    ]);
  });

  it("sends each of the renderer's menu commands to the window as menu:command", async () => {
    const before = shell.sent().length;
    await shell.clickMenu('File', 'New Import');
    await shell.clickMenu('File', 'Open File…');
    await shell.clickMenu('File', 'Paste as New Import');
    await shell.clickMenu('help', 'About Intake');
    await shell.waitForSent((message) => message.channel === 'menu:command' && message.payload === 'about');
    const commands = shell
      .sent()
      .slice(before)
      .filter((message) => message.channel === 'menu:command');
    expect(commands).toEqual(
      MENU_COMMANDS.map((payload) => ({ windowId: 1, channel: 'menu:command', payload })),
    );
  });
});
