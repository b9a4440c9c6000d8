import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { requestNames, type Handlers } from '../../src-shared/contract';
import { fail } from '../../src-shared/result';
import { dispatch } from './dispatch';
import type { Logger } from '../services/log/logger';
import type { EventBus } from './event-bus';

/**
 * The Electron shell's transport: one ipcMain.handle per request of the contract, each checking
 * that the sender is Intake's own renderer, and every bus event forwarded to the given windows.
 */
export function registerIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  log: Logger,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const name of requestNames) {
    ipcMain.handle(name, (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        log.warn('refused IPC request from an untrusted frame', {
          name,
          url: event.senderFrame?.url,
        });
        return fail('UNAUTHORIZED', 'This window may not call Intake.');
      }
      return dispatch(handlers, name, payload, log);
    });
  }
  return () => requestNames.forEach((name) => ipcMain.removeHandler(name));
}

/** Forwards every pushed event to a window while it lives. */
export function forwardEvents(bus: EventBus, webContents: WebContents): () => void {
  const unsubscribe = bus.subscribe(({ name, payload }) => {
    if (!webContents.isDestroyed()) webContents.send(name, payload);
  });
  webContents.once('destroyed', unsubscribe);
  return unsubscribe;
}
