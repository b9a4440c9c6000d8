import { create } from 'zustand';
import type {
  Automation,
  AutomationFailure,
  AutomationState,
  SchedulePreview,
} from '../../src-shared/model/automation';
import type { Schedule } from '../../src-shared/model/schedule';
import { call, errorMessage } from '../api/client';
import { useAppStore } from './app.store';
import { showPage } from './navigation.store';
import { loadImports, openRunDetail } from './runs.store';

/** Whether the browser may show notifications ('unsupported' in the desktop app, which notifies itself). */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

interface AutomationStoreState {
  /** Each import's schedule or trigger, by import id. */
  byImport: Record<string, AutomationState>;
  error: string | null;
  /** The import whose schedule editor is open. */
  editing: string | null;
  notifications: NotificationPermissionState;
}

/** Schedules and new-file triggers of saved imports, and failure notifications in a browser. */
export const useAutomationStore = create<AutomationStoreState>(() => ({
  byImport: {},
  error: null,
  editing: null,
  notifications: browserNotifications() ? Notification.permission : 'unsupported',
}));

export async function loadAutomations(): Promise<void> {
  try {
    const states = await call('automation:list', {});
    useAutomationStore.setState({
      byImport: Object.fromEntries(states.map((state) => [state.importId, state])),
      error: null,
    });
  } catch (error) {
    useAutomationStore.setState({ error: errorMessage(error) });
  }
}

export function openScheduleEditor(importId: string | null): void {
  useAutomationStore.setState({ editing: importId });
}

/** Saves (or with null removes) an import's automation; a refusal is thrown for the editor to show. */
export async function saveAutomation(importId: string, automation: Automation | null): Promise<void> {
  await call('automation:set', { importId, automation });
  await loadAutomations();
}

export async function pauseAutomation(importId: string, paused: boolean): Promise<void> {
  await call('automation:pause', { importId, paused });
  await loadAutomations();
}

/** The editor's live view of a schedule: words, notes and the next due times. */
export function previewSchedule(schedule: Schedule): Promise<SchedulePreview> {
  return call('automation:preview', { schedule, count: 3 });
}

/** Asks the browser for permission to notify (the desktop app needs none). */
export async function allowNotifications(): Promise<void> {
  if (!browserNotifications()) return;
  const permission = await Notification.requestPermission();
  useAutomationStore.setState({ notifications: permission });
}

/**
 * A scheduled or triggered run failed: the lists refresh (the import's row shows the failure) and,
 * in a browser that allows it, a notification names the import; clicking it opens the run. The
 * desktop app's main process shows its own notification instead.
 */
export function automationFailed(failure: AutomationFailure): void {
  void loadImports();
  void loadAutomations();
  if (!browserNotifications() || Notification.permission !== 'granted') return;
  const notification = new Notification(`Import "${failure.importName}" failed`, {
    body: failure.message,
    tag: failure.runId ?? failure.importId,
  });
  notification.onclick = () => {
    window.focus();
    showPage('imports');
    openRunDetail(failure.runId);
    notification.close();
  };
}

/** The browser's Notification API, when this page runs in a browser (not the desktop shell). */
function browserNotifications(): boolean {
  return typeof Notification !== 'undefined' && useAppStore.getState().info?.shell !== 'electron';
}
