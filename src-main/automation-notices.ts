import { BrowserWindow, Notification, powerMonitor } from 'electron';
import type { Runtime } from './host/runtime';

/**
 * The desktop side of schedules: a failed scheduled or triggered run raises a system notification
 * naming the import and the first line of its error (clicking it brings the window forward on
 * that run), and a wake from sleep makes the scheduler check at once for what came due meanwhile.
 */
export function installAutomationNotices(runtime: Runtime): void {
  runtime.bus.on('automation:runFailed', (failure) => {
    if (!Notification.isSupported()) return;
    const notice = new Notification({
      title: `Import "${failure.importName}" failed`,
      body: failure.message,
    });
    notice.on('click', () => {
      const window = BrowserWindow.getAllWindows()[0];
      if (window?.isMinimized()) window.restore();
      window?.show();
      window?.focus();
      runtime.bus.emit('runs:show', { importId: failure.importId, runId: failure.runId });
    });
    notice.show();
  });
  powerMonitor.on('resume', () => runtime.scheduler?.wake());
}
