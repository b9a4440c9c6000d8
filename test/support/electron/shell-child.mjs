// The child process a shell test drives (see shell-process.ts): it points 'electron' at the
// recording stand-in, imports the BUILT shell (out/main/index.js) as Electron would run it, makes
// the app ready, then answers the parent's commands over the fork IPC channel: invoke a handler as
// a frame at some URL, click a menu item, fire a window or app event, queue a dialog's answer, read
// what was recorded. Every webContents.send is pushed to the parent as it happens.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);

// The same URL the hook resolves 'electron' to, so this is the module instance the shell gets.
const standIn = await import('./stand-in.mjs');
const { app, record, dialogAnswers, observers } = standIn;

observers.sent = (windowId, channel, args) =>
  process.send?.({ pushed: 'sent', windowId, channel, payload: structuredClone(args[0]) });

let settle;
const settled = new Promise((resolve) => (settle = resolve));
observers.settled = () => settle();

await import(new URL('../../../out/main/index.js', import.meta.url).href);
// Only for the darwin scenario: the shell branches on process.platform once ready (app menu, Close,
// staying open without windows). Faked after the imports, so native modules still load Linux's
// binaries: this exercises the branches, not macOS.
if (process.env.INTAKE_STAND_IN_PLATFORM) {
  Object.defineProperty(process, 'platform', { value: process.env.INTAKE_STAND_IN_PLATFORM });
}
standIn.makeReady();
// The shell's start() ends by loading the window (or by exiting after an error box); the rest of
// that synchronous step (registering 'activate') has run once the next macrotask comes.
await settled;
await new Promise((resolve) => setImmediate(resolve));

function windowById(id) {
  const window = record.windows.find((candidate) => candidate.id === id);
  if (!window) throw new Error(`No window ${id} (there are ${record.windows.length})`);
  return window;
}

/** A menu template as data: click handlers become `click: true`. */
function describeItems(items) {
  return items.map((item) => {
    const { click, submenu, ...rest } = item;
    return {
      ...rest,
      ...(click ? { click: typeof click === 'function' } : {}),
      ...(submenu ? { submenu: describeItems(submenu) } : {}),
    };
  });
}

/** The item found by following labels (or roles, for items without a label) through submenus. */
function menuItem(labels) {
  let items = record.applicationMenu?.template ?? [];
  let item;
  for (const label of labels) {
    item = items.find((candidate) => (candidate.label ?? candidate.role) === label);
    if (!item) throw new Error(`No menu item "${label}" (path ${labels.join(' > ')})`);
    items = item.submenu ?? [];
  }
  return item;
}

function snapshot() {
  return {
    appCalls: record.appCalls,
    appListeners: app.eventNames().map(String),
    windows: record.windows.map((window) => ({
      id: window.id,
      options: window.options,
      loadedUrls: window.loadedUrls,
      shown: window.shown,
      destroyed: window.destroyed,
      listeners: window.eventNames().map(String),
      webContentsListeners: window.webContents.eventNames().map(String),
      hasWindowOpenHandler: typeof window.webContents.windowOpenHandler === 'function',
      sent: window.webContents.sent.map(({ channel, args }) => ({ channel, payload: args[0] })),
    })),
    handlers: [...record.handlers.keys()],
    menus: record.menus.map((menu) => describeItems(menu.template)),
    applicationMenu: record.applicationMenu ? record.menus.indexOf(record.applicationMenu) : null,
    hasHeadersListener: typeof record.headersListener === 'function',
    hasPermissionHandler: typeof record.permissionHandler === 'function',
    dialogs: record.dialogs,
    errorBoxes: record.errorBoxes,
    openedExternally: record.openedExternally,
  };
}

const commands = {
  record: () => snapshot(),

  // ipcRenderer.invoke as Electron delivers it: a structured clone of the payload, an
  // IpcMainInvokeEvent whose senderFrame is the calling frame (null once it is gone).
  invoke: async ({ channel, payload, frame, windowId }) => {
    const listener = record.handlers.get(channel);
    if (!listener) throw new Error(`No handler for "${channel}"`);
    const sender = windowById(windowId ?? 1).webContents;
    const event = { sender, senderFrame: frame, processId: 1, frameId: 1 };
    return structuredClone(await listener(event, structuredClone(payload)));
  },

  openWindow: ({ windowId, url }) =>
    windowById(windowId).webContents.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: '', policy: 'default' },
    }),

  navigate: ({ windowId, url }) => {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    windowById(windowId).webContents.emit('will-navigate', event, url);
    return { prevented };
  },

  headersReceived: ({ details }) =>
    new Promise((resolve) => record.headersListener(details, (response) => resolve(response))),

  permission: ({ permission, windowId }) =>
    new Promise((resolve) =>
      record.permissionHandler(windowById(windowId).webContents, permission, resolve, {
        requestingUrl: windowById(windowId).loadedUrls[0],
      }),
    ),

  // Electron calls click(menuItem, focusedWindow, keyboardEvent).
  clickMenu: ({ labels }) => {
    const item = menuItem(labels);
    if (typeof item.click !== 'function') throw new Error(`"${labels.join(' > ')}" has no click`);
    item.click(item, standIn.BrowserWindow.getFocusedWindow() ?? undefined, {});
  },

  windowEvent: ({ windowId, name }) => {
    windowById(windowId).emit(name, {});
  },

  closeWindow: ({ windowId }) => windowById(windowId).close(),

  focus: ({ windowId }) => {
    if (windowId === null) standIn.BrowserWindow.getFocusedWindow()?.blur();
    else windowById(windowId).focus();
  },

  appEvent: ({ name, args = [] }) => {
    app.emit(name, { preventDefault: () => undefined }, ...args);
  },

  notifications: () => record.notifications.map(({ title, body }) => ({ title, body })),

  // The user clicks a shown notification: Electron emits 'click' on it.
  clickNotification: ({ index }) => {
    record.notifications[index].notice.emit('click', {});
  },

  // powerMonitor's events ('resume' after a sleep).
  powerEvent: ({ name }) => {
    standIn.powerMonitor.emit(name);
  },

  answerDialog: ({ method, answer }) => {
    dialogAnswers[method].push(answer);
  },

  // Electron's quit, as far as the shell sees it: 'will-quit', after which Electron ends the
  // process unless the handler called preventDefault; then it waits for the app.exit the shell
  // calls when done. Answered once Electron would end the process, with this process still alive
  // so the test can tell the shell's own closing from its exit. Says whether the quit was held.
  quit: async () => {
    let held = false;
    app.emit('will-quit', { preventDefault: () => (held = true) });
    if (!held) {
      await new Promise((resolve) => setImmediate(resolve));
      return { held, exitCode: null };
    }
    for (let waited = 0; waited < 10_000; waited += 10) {
      const exit = record.appCalls.find((call) => call.method === 'exit');
      if (exit) return { held, exitCode: exit.args[0] };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The shell held the quit and never called app.exit within 10 s');
  },

  // Closes the channel: a shell that closed everything it opened lets this process end on its own.
  end: () => {
    setImmediate(() => process.disconnect());
  },
};

process.on('message', async ({ id, command, args }) => {
  try {
    const value = await commands[command](args ?? {});
    process.send({ id, ok: true, value });
  } catch (error) {
    process.send({
      id,
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
process.send({ pushed: 'started' });
