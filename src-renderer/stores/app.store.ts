import { create } from 'zustand';
import type { AppInfo } from '../../src-shared/model/app-info';
import { call, errorMessage } from '../api/client';
import { setDisplayLocales } from '../components/format';

interface AppState {
  status: 'starting' | 'ready' | 'failed';
  info: AppInfo | null;
  error: string | null;
}

/** Start-up state and the host's description of itself. */
export const useAppStore = create<AppState>(() => ({ status: 'starting', info: null, error: null }));

/** Asks the host who it is; the app is ready once it answers. */
export async function loadAppInfo(): Promise<void> {
  try {
    const info = await call('app:info', {});
    // Before 'ready' renders any page, so every date and number is formatted in this locale.
    setDisplayLocales(info.locales);
    useAppStore.setState({ status: 'ready', info, error: null });
  } catch (error) {
    useAppStore.setState({ status: 'failed', error: errorMessage(error) });
  }
}
