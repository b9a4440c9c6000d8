import type { IpcMainInvokeEvent } from 'electron';

/**
 * True when an IPC call comes from the top frame of Intake's own renderer: the dev server's
 * origin in development, the packaged index.html otherwise. Anything else is refused.
 */
export function createSenderCheck(rendererUrl: string): (event: IpcMainInvokeEvent) => boolean {
  const isRenderer = rendererUrlCheck(rendererUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isRenderer(frame.url);
  };
}

/**
 * Whether a URL is Intake's own page: the dev server's exact origin, or the packaged index.html's
 * exact path. Compared parsed, never by prefix: `http://localhost:5173.evil.example/` and
 * `…/index.html.evil.html` start with the renderer's URL and are someone else's.
 */
export function rendererUrlCheck(rendererUrl: string): (url: string) => boolean {
  const expected = new URL(rendererUrl);
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  };
}
