import type { IpcMainInvokeEvent } from 'electron';

/**
 * True when an IPC call comes from the top frame of Intake's own renderer: the dev server's
 * origin in development, the packaged index.html otherwise. Anything else is refused.
 */
export function createSenderCheck(rendererUrl: string): (event: IpcMainInvokeEvent) => boolean {
  const expected = new URL(rendererUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  };
}
