// A recording stand-in for the `electron` module, so the built desktop shell (out/main/index.js)
// runs under plain Node, where the Electron binary cannot. It offers only what the shell uses, with
// Electron's documented signatures, records every call, and leaves everything Electron would do on
// its own (becoming ready, window events, IPC from a frame, the user's answer to a dialog) to the
// driver in shell-child.mjs. Anything the shell starts using that is missing here fails loudly: a
// missing export fails the bundle's import, a missing method throws.
import { EventEmitter } from 'node:events';

/** What the shell did, in the order it did it. */
export const record = {
  /** app.quit / app.exit / app.getPath / app.getAppPath calls. */
  appCalls: [],
  /** Every BrowserWindow constructed, closed ones included. */
  windows: [],
  /** ipcMain.handle registrations: channel → listener, in registration order. */
  handlers: new Map(),
  /** Every Menu.buildFromTemplate call's menu. */
  menus: [],
  /** The menu given to Menu.setApplicationMenu (undefined: never called). */
  applicationMenu: undefined,
  /** session.defaultSession.webRequest.onHeadersReceived: Electron keeps one listener, the last. */
  headersListener: null,
  /** session.defaultSession.setPermissionRequestHandler's handler. */
  permissionHandler: null,
  /** dialog.showOpenDialog / showSaveDialog calls: { method, windowId, options }. */
  dialogs: [],
  /** dialog.showErrorBox calls. */
  errorBoxes: [],
  /** shell.openExternal calls. */
  openedExternally: [],
  /** Notifications shown: { title, body }. */
  notifications: [],
};

/** What the user will answer to the next dialogs, queued by the driver (a real dialog waits for them). */
export const dialogAnswers = { showOpenDialog: [], showSaveDialog: [] };

/** Called on every webContents.send, so the driver can tell the test at once. */
export const observers = { sent: () => undefined, settled: () => undefined };

let markReady;
const ready = new Promise((resolve) => (markReady = resolve));
let nextWindowId = 1;

class App extends EventEmitter {
  // Run from source (`electron .`), as the dev build is.
  isPackaged = false;

  whenReady() {
    return ready;
  }

  getPath(name) {
    record.appCalls.push({ method: 'getPath', args: [name] });
    const userData = process.env.INTAKE_STAND_IN_USER_DATA;
    if (name === 'userData' && userData) return userData;
    throw new Error(`electron stand-in: app.getPath('${name}') is not provided`);
  }

  getAppPath() {
    record.appCalls.push({ method: 'getAppPath', args: [] });
    const appPath = process.env.INTAKE_STAND_IN_APP_PATH;
    if (!appPath) throw new Error('electron stand-in: INTAKE_STAND_IN_APP_PATH is not set');
    return appPath;
  }

  // A computer with an English UI whose regional format is Czech, as Windows reports it: the
  // regional format, then the preferred languages.
  getSystemLocale() {
    return 'cs-CZ';
  }

  getPreferredSystemLanguages() {
    return ['en-US', 'cs-CZ'];
  }

  // Electron answers package.json's productName.
  getName() {
    return 'Intake';
  }

  quit() {
    record.appCalls.push({ method: 'quit', args: [] });
  }

  // Recorded, not done: the driver reports it and the test decides when the process ends.
  exit(code = 0) {
    record.appCalls.push({ method: 'exit', args: [code] });
    observers.settled();
  }
}

export const app = new App();

/** What Electron does once it has initialised: 'ready', then whenReady() resolves. */
export function makeReady() {
  app.emit('ready', {}, {});
  markReady();
}

class WebContents extends EventEmitter {
  constructor(window) {
    super();
    this.window = window;
    this.sent = [];
    this.windowOpenHandler = null;
    this.destroyed = false;
  }

  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }

  send(channel, ...args) {
    // Electron throws "Object has been destroyed" on a destroyed webContents.
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    observers.sent(this.window.id, channel, args);
  }

  isDestroyed() {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static #focused = null;

  static getAllWindows() {
    return record.windows.filter((window) => !window.destroyed);
  }

  static getFocusedWindow() {
    return BrowserWindow.#focused;
  }

  constructor(options = {}) {
    super();
    this.id = nextWindowId++;
    this.options = options;
    this.webContents = new WebContents(this);
    this.loadedUrls = [];
    this.shown = 0;
    this.destroyed = false;
    record.windows.push(this);
  }

  loadURL(url) {
    this.loadedUrls.push(url);
    observers.settled();
    return Promise.resolve();
  }

  // Showing a window focuses it, as on Linux and Windows.
  show() {
    this.shown += 1;
    BrowserWindow.#focused = this;
  }

  focus() {
    BrowserWindow.#focused = this;
  }

  // Minimizing is the driver's windowEvent('minimize'); restore() undoes it.
  isMinimized() {
    return this.minimized === true;
  }

  restore() {
    this.minimized = false;
    this.restored = (this.restored ?? 0) + 1;
  }

  blur() {
    if (BrowserWindow.#focused === this) BrowserWindow.#focused = null;
  }

  isDestroyed() {
    return this.destroyed;
  }

  // Electron's order: 'close', then 'closed', the webContents 'destroyed', and 'window-all-closed'
  // when it was the last window.
  close() {
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.blur();
    this.emit('closed');
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

export class Menu {
  constructor(template) {
    this.template = template;
  }

  static buildFromTemplate(template) {
    const menu = new Menu(template);
    record.menus.push(menu);
    return menu;
  }

  static setApplicationMenu(menu) {
    record.applicationMenu = menu;
  }
}

export const session = {
  defaultSession: {
    webRequest: {
      // onHeadersReceived([filter, ]listener)
      onHeadersReceived(filterOrListener, listener) {
        record.headersListener = listener ?? filterOrListener;
      },
    },
    setPermissionRequestHandler(handler) {
      record.permissionHandler = handler;
    },
  },
};

function showDialog(method, windowOrOptions, maybeOptions) {
  const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : null;
  const options = window ? maybeOptions : windowOrOptions;
  record.dialogs.push({ method, windowId: window?.id ?? null, options });
  const answer = dialogAnswers[method].shift();
  if (!answer) return Promise.reject(new Error(`electron stand-in: no answer queued for dialog.${method}`));
  return Promise.resolve(answer);
}

export const dialog = {
  showOpenDialog: (windowOrOptions, options) => showDialog('showOpenDialog', windowOrOptions, options),
  showSaveDialog: (windowOrOptions, options) => showDialog('showSaveDialog', windowOrOptions, options),
  showErrorBox(title, content) {
    record.errorBoxes.push({ title, content });
    observers.settled();
  },
};

export const ipcMain = {
  handle(channel, listener) {
    // Electron's own refusal of a second handler for one channel.
    if (record.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    record.handlers.set(channel, listener);
  },
  removeHandler(channel) {
    record.handlers.delete(channel);
  },
};

/** Electron's Notification: shown ones are recorded; the driver can click them (emit 'click'). */
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    record.notifications.push({ title: this.options.title, body: this.options.body, notice: this });
  }
}

/** Electron's powerMonitor: the driver emits 'resume' as a wake from sleep would. */
export const powerMonitor = new EventEmitter();

export const shell = {
  openExternal(url) {
    record.openedExternally.push(url);
    return Promise.resolve();
  },
};
