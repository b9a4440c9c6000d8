import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// Runs the BUILT preload (out/preload/index.cjs) the way a sandboxed preload runs: CommonJS in a
// fresh global scope whose `require` knows 'electron' only (a sandboxed preload cannot load
// node_modules), against a stand-in for the renderer half of Electron: contextBridge records what
// is exposed, ipcRenderer.invoke goes where the test says (e.g. to the shell's ipcMain handler as
// the renderer's frame), webUtils.getPathForFile answers what the test registered for a File.

const PRELOAD = fileURLToPath(new URL('../../../out/preload/index.cjs', import.meta.url));

type Listener = (event: unknown, payload: unknown) => void;

/** The preload, loaded, and what it did. */
export interface PreloadSandbox {
  /** What contextBridge.exposeInMainWorld put on `window`, by key, in order. */
  exposed: Record<string, unknown>;
  /** Every module the preload required. */
  required: string[];
  /** Every ipcRenderer.invoke, in order. */
  invoked: { channel: string; payload: unknown }[];
  /** How many ipcRenderer listeners a channel has. */
  listenerCount(channel: string): number;
  /** Delivers an event as main's webContents.send(channel, payload) would. */
  push(channel: string, payload: unknown): void;
  /** The path webUtils.getPathForFile gives `file`, as Electron does for a File from disk. */
  setPath(file: File, path: string): void;
}

/** Loads the built preload; its ipcRenderer.invoke calls `invoke`. */
export function loadPreload(invoke: (channel: string, payload: unknown) => Promise<unknown>): PreloadSandbox {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const invoked: { channel: string; payload: unknown }[] = [];
  const listeners = new Map<string, Listener[]>();
  const paths = new WeakMap<File, string>();

  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        // Electron refuses to replace a property the page's window already has.
        if (Object.hasOwn(exposed, key)) throw new Error(`Cannot bind an API on top of "${key}"`);
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke(channel: string, payload: unknown) {
        invoked.push({ channel, payload });
        return invoke(channel, payload);
      },
      on(channel: string, listener: Listener) {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
      removeListener(channel: string, listener: Listener) {
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
        );
      },
    },
    webUtils: {
      // Electron: "a File constructed in JS and not backed by a file on disk" gives ''.
      getPathForFile: (file: File) => paths.get(file) ?? '',
    },
  };
  const requireInSandbox = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require "${name}"`);
  };

  const context = vm.createContext({});
  const run = vm.compileFunction(readFileSync(PRELOAD, 'utf8'), ['require', 'module', 'exports'], {
    parsingContext: context,
    filename: PRELOAD,
  });
  const module = { exports: {} };
  run(requireInSandbox, module, module.exports);

  return {
    exposed,
    required,
    invoked,
    listenerCount: (channel) => listeners.get(channel)?.length ?? 0,
    push: (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, payload);
    },
    setPath: (file, path) => paths.set(file, path),
  };
}
