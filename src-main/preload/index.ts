import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  eventNames,
  isEventName,
  requestNames,
  type IntakeApi,
  type RequestName,
} from '../../src-shared/contract';

// The narrow bridge: one function per request of the contract and a listener for its events.
// Nothing else of Electron or Node reaches the renderer.

const request = Object.fromEntries(
  requestNames.map((name: RequestName) => [name, (payload: unknown) => ipcRenderer.invoke(name, payload)]),
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
// A dropped File's path exists only in Electron; the renderer asks for it through this one function.
contextBridge.exposeInMainWorld('intakeFiles', {
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
