import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  eventNames,
  isEventName,
  rendererRequestNames,
  type IntakeFiles,
  type IntakeApi,
} from '../../src-shared/contract';

// The narrow bridge: one function per request of the contract and a listener for its events.
// Nothing else of Electron or Node reaches the renderer.

const request = Object.fromEntries(
  rendererRequestNames.map((name) => [name, (payload: unknown) => ipcRenderer.invoke(name, payload)]),
) as IntakeApi['request'];

const api = {
  shell: 'electron',
  request,
  on(name, listener) {
    if (!isEventName(name))
      throw new Error(`Unknown event "${String(name)}". Known: ${eventNames.join(', ')}`);
    const forward = (_event: Electron.IpcRendererEvent, payload: Parameters<typeof listener>[0]) =>
      listener(payload);
    ipcRenderer.on(name, forward);
    return () => ipcRenderer.removeListener(name, forward);
  },
} satisfies IntakeApi;

contextBridge.exposeInMainWorld('intake', api);
// A dropped File becomes a source here: its path is resolved and sent without ever passing
// through page script, which therefore cannot ask main to read a file of its choosing.
const files = {
  addFile: (file: File) => ipcRenderer.invoke('sources:addPath', { path: webUtils.getPathForFile(file) }),
} satisfies IntakeFiles;
contextBridge.exposeInMainWorld('intakeFiles', files);
