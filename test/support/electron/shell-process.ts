import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Result } from '../../../src-shared/result';
import { makeTempDir } from '../temp-dir';

// The parent side of the Electron shell tests: starts the BUILT shell (out/main/index.js) in a
// child Node process against the recording stand-in (stand-in.mjs, driven by shell-child.mjs) and
// gives the test typed commands. One process per scenario: the shell keeps module-level state and
// registers its IPC handlers once, as Electron's main process does.

const CHILD = fileURLToPath(new URL('./shell-child.mjs', import.meta.url));

/** The build the shell runs from. */
export const OUT_DIR = fileURLToPath(new URL('../../../out/', import.meta.url));
/** The page the packaged shell loads, and so the only frame it may trust. */
export const RENDERER_URL = pathToFileURL(join(OUT_DIR, 'renderer', 'index.html')).href;

/** The frame an IPC call comes from, as Electron's WebFrameMain shows it (null: the frame is gone). */
export type SenderFrame = { url: string; parent: { url: string } | null } | null;

/** The renderer's own top frame. */
export const RENDERER_FRAME: SenderFrame = { url: RENDERER_URL, parent: null };

/** A result's data, or a failure that names the error. */
export function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** A result's error code (undefined when it succeeded). */
export function codeOf(result: unknown): string | undefined {
  const settled = result as Result<unknown>;
  return settled.ok ? undefined : settled.error.code;
}

/** One webContents.send the shell made. */
export interface SentMessage {
  windowId: number;
  channel: string;
  payload: unknown;
}

/** A menu template item as recorded: its click handler, if any, is `click: true`. */
export interface RecordedMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: boolean;
  submenu?: RecordedMenuItem[];
}

/** What the shell did to the stand-in, read at one moment. */
export interface ShellRecord {
  appCalls: { method: string; args: unknown[] }[];
  appListeners: string[];
  windows: {
    id: number;
    options: BrowserWindowConstructorOptions;
    loadedUrls: string[];
    shown: number;
    destroyed: boolean;
    listeners: string[];
    webContentsListeners: string[];
    hasWindowOpenHandler: boolean;
    sent: { channel: string; payload: unknown }[];
  }[];
  /** ipcMain.handle channels, in registration order. */
  handlers: string[];
  /** Every Menu.buildFromTemplate template. */
  menus: RecordedMenuItem[][];
  /** Index into `menus` of the application menu, or null. */
  applicationMenu: number | null;
  hasHeadersListener: boolean;
  hasPermissionHandler: boolean;
  dialogs: { method: string; windowId: number | null; options: Record<string, unknown> }[];
  errorBoxes: { title: string; content: string }[];
  openedExternally: string[];
}

/** A scenario's folders: an empty app folder (no Electron build of better-sqlite3), user data, a workspace. */
export function shellFolders(): {
  dir: string;
  appPath: string;
  userDataDir: string;
  workspaceDir: string;
  remove(): void;
} {
  const temp = makeTempDir('intake-electron-');
  const appPath = join(temp.dir, 'app');
  mkdirSync(appPath);
  return {
    dir: temp.dir,
    appPath,
    userDataDir: join(temp.dir, 'user-data'),
    workspaceDir: join(temp.dir, 'workspace'),
    remove: temp.remove,
  };
}

export interface ShellProcessOptions {
  /** `--workspace DIR` on the command line; omitted: the shell falls back to app.getPath('userData'). */
  workspaceDir?: string | undefined;
  /** What app.getPath('userData') answers. */
  userDataDir: string;
  /** What app.getAppPath() answers (where the shell looks for native/electron/better_sqlite3.node). */
  appPath: string;
  /** Extra environment, e.g. ELECTRON_RENDERER_URL as electron-vite's dev server sets it. */
  env?: Record<string, string>;
  /** Fakes process.platform in the child (the darwin menu branch), nothing more. */
  platform?: NodeJS.Platform;
}

/** A running shell and the commands that drive it. */
export interface ShellProcess {
  record(): Promise<ShellRecord>;
  /** Calls the ipcMain handler of `channel` as `frame` would through ipcRenderer.invoke. */
  invoke(channel: string, payload: unknown, frame: SenderFrame, windowId?: number): Promise<unknown>;
  /** What the window's setWindowOpenHandler answers for window.open(url). */
  openWindow(windowId: number, url: string): Promise<{ action: string }>;
  /** Emits 'will-navigate' on the window's webContents; says whether the shell prevented it. */
  navigate(windowId: number, url: string): Promise<{ prevented: boolean }>;
  /** Calls the onHeadersReceived listener; resolves to what it passed to its callback. */
  headersReceived(details: Record<string, unknown>): Promise<{ responseHeaders?: Record<string, string[]> }>;
  /** Asks the permission request handler; resolves to whether it granted. */
  permission(permission: string, windowId?: number): Promise<boolean>;
  clickMenu(...labels: string[]): Promise<void>;
  windowEvent(windowId: number, name: string): Promise<void>;
  closeWindow(windowId: number): Promise<void>;
  focus(windowId: number | null): Promise<void>;
  appEvent(name: string): Promise<void>;
  /** The system notifications the shell showed. */
  notifications(): Promise<{ title: string; body: string }[]>;
  /** Clicks a shown notification. */
  clickNotification(index: number): Promise<void>;
  /** Emits a powerMonitor event ('resume': the computer woke). */
  powerEvent(name: string): Promise<void>;
  /** Queues the user's answer to the next Open or Save dialog. */
  answerDialog(method: 'showOpenDialog' | 'showSaveDialog', answer: Record<string, unknown>): Promise<void>;
  /** Every webContents.send so far. */
  sent(): SentMessage[];
  /** Resolves with the first send (already made or still to come) that matches. */
  waitForSent(match: (message: SentMessage) => boolean): Promise<SentMessage>;
  /**
   * Emits 'will-quit' as Electron does (the child stays alive: see end()): whether the shell held
   * the quit, and the code of the app.exit it then called.
   */
  quit(): Promise<{ held: boolean; exitCode: number | null }>;
  /** Closes the channel and resolves with the exit code once the child ends on its own. */
  end(): Promise<number | null>;
  /** Kills the child if it is still running (cleanup after a failed test). */
  kill(): void;
  /** The child's stdout and stderr so far (the shell's log echo, a crash's stack). */
  output(): string;
}

/** Starts the built shell against the stand-in; resolves once it has settled (window loaded, or exited). */
export function startShell(options: ShellProcessOptions): Promise<ShellProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // The packaged path (file:// index.html) unless a scenario sets the dev server's URL.
  if (!options.env?.ELECTRON_RENDERER_URL) delete env.ELECTRON_RENDERER_URL;
  delete env.INTAKE_HOME;
  env.INTAKE_STAND_IN_USER_DATA = options.userDataDir;
  env.INTAKE_STAND_IN_APP_PATH = options.appPath;
  if (options.platform) env.INTAKE_STAND_IN_PLATFORM = options.platform;
  const child: ChildProcess = fork(CHILD, options.workspaceDir ? ['--workspace', options.workspaceDir] : [], {
    env,
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const sent: SentMessage[] = [];
  const waiting: { match: (message: SentMessage) => boolean; resolve: (message: SentMessage) => void }[] = [];
  const replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const command = <T>(name: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      replies.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, command: name, args });
    });

  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const error = new Error(`The shell process exited with ${code}:\n${output}`);
      reject(error);
      for (const reply of replies.values()) reply.reject(error);
    });
    child.on('message', (message: Record<string, unknown>) => {
      if (message.pushed === 'started') {
        resolve(shellProcess);
      } else if (message.pushed === 'sent') {
        const entry = message as unknown as SentMessage;
        sent.push({ windowId: entry.windowId, channel: entry.channel, payload: entry.payload });
        for (const waiter of [...waiting]) {
          if (!waiter.match(entry)) continue;
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
      } else {
        const reply = replies.get(message.id as number);
        replies.delete(message.id as number);
        if (message.ok) reply?.resolve(message.value);
        else reply?.reject(new Error(`in the shell process: ${String(message.error)}`));
      }
    });

    const shellProcess: ShellProcess = {
      record: () => command('record'),
      invoke: (channel, payload, frame, windowId) => command('invoke', { channel, payload, frame, windowId }),
      openWindow: (windowId, url) => command('openWindow', { windowId, url }),
      navigate: (windowId, url) => command('navigate', { windowId, url }),
      headersReceived: (details) => command('headersReceived', { details }),
      permission: (permission, windowId = 1) => command('permission', { permission, windowId }),
      clickMenu: (...labels) => command('clickMenu', { labels }),
      notifications: () => command('notifications'),
      clickNotification: (index) => command('clickNotification', { index }),
      powerEvent: (name) => command('powerEvent', { name }),
      windowEvent: (windowId, name) => command('windowEvent', { windowId, name }),
      closeWindow: (windowId) => command('closeWindow', { windowId }),
      focus: (windowId) => command('focus', { windowId }),
      appEvent: (name) => command('appEvent', { name }),
      answerDialog: (method, answer) => command('answerDialog', { method, answer }),
      sent: () => [...sent],
      waitForSent: (match) => {
        const found = sent.find(match);
        if (found) return Promise.resolve(found);
        return new Promise((done) => waiting.push({ match, resolve: done }));
      },
      quit: () => command('quit'),
      end: async () => {
        if (child.exitCode !== null) return child.exitCode;
        await command('end');
        return exited;
      },
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      output: () => output,
    };
  });
}
