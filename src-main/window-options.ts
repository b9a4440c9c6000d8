import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Kept free of runtime Electron imports and built as its own file
 * (out/main/window-options.js) so a test can assert the security settings the app ships with.
 */
export function createMainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Intake',
    show: false,
    backgroundColor: '#1f2329',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
