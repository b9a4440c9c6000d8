import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../src-shared/content-security-policy';
import { createRuntime, type Runtime } from './host/runtime';
import { shellAutomation } from './host/automation-timing';
import { installAutomationNotices } from './automation-notices';
import { forwardEvents, registerIpc } from './host/ipc';
import { buildMenu } from './menu';
import { electronSqliteBinding } from './native-binding';
import { resolveWorkspaceDir } from './services/workspace/workspace-path';
import { createSenderCheck, rendererUrlCheck } from './trusted-sender';
import { createMainWindowOptions } from './window-options';

// The Electron shell: windows, menu and IPC. Everything else is the same runtime `intake serve` uses.

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ??
  pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
let runtime: Runtime | null = null;

function workspaceArgument(): string | undefined {
  const index = process.argv.indexOf('--workspace');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function createWindow(current: Runtime): BrowserWindow {
  const window = new BrowserWindow(
    createMainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')),
  );
  window.webContents.setWindowOpenHandler(({ url }) => {
    // New windows are never opened; http(s) links go to the user's browser instead.
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const isRenderer = rendererUrlCheck(rendererUrl);
  window.webContents.on('will-navigate', (event, url) => {
    if (!isRenderer(url)) event.preventDefault();
  });
  forwardEvents(current.bus, window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

/** File > Open…: the native dialog, for CSV, TSV, TXT and XML. */
async function chooseFiles(): Promise<string[]> {
  const window = BrowserWindow.getFocusedWindow();
  const options: Electron.OpenDialogOptions = {
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xml', 'xlsx'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Export cleaned data…: the native Save dialog, proposing the export's file name. */
async function chooseSavePath(fileName: string): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const extension = fileName.split('.').pop() ?? 'csv';
  const options: Electron.SaveDialogOptions = {
    defaultPath: fileName,
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  const workspaceDir = resolveWorkspaceDir(workspaceArgument(), () => app.getPath('userData'));
  try {
    const nativeBinding = electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
    runtime = createRuntime({
      workspaceDir,
      shell: 'electron',
      chooseFiles,
      chooseSavePath,
      // The regional format (Windows' and macOS' region settings) can differ from the UI language
      // Chromium formats in by default: the renderer formats dates and numbers in this one.
      systemLocales: () => [app.getSystemLocale(), ...app.getPreferredSystemLanguages()],
      ...(nativeBinding ? { nativeBinding } : {}),
      automation: shellAutomation(true),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Intake cannot open its workspace',
      `${workspaceDir}\n\n${String(error)}\n\nIf this mentions NODE_MODULE_VERSION, build the Electron copy of better-sqlite3: npm run build:electron-sqlite`,
    );
    app.exit(1);
    return;
  }
  const current = runtime;
  registerIpc(ipcMain, current.handlers, current.log, createSenderCheck(rendererUrl));
  Menu.setApplicationMenu(buildMenu((command) => current.bus.emit('menu:command', command)));
  installAutomationNotices(current);
  createWindow(current);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(current);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
// Closing the workspace is async (runs cancelled, the pool stopped, the WAL checkpointed), and
// Electron ends the process right after 'will-quit' unless told to wait: hold the quit once,
// close, then exit.
let closing = false;
app.on('will-quit', (event) => {
  if (closing || !runtime) return;
  closing = true;
  event.preventDefault();
  void runtime.close().finally(() => app.exit(0));
});

void start();
