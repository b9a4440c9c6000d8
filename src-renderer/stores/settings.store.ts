import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../src-shared/model/settings';
import { call, errorMessage } from '../api/client';

interface SettingsState {
  settings: Settings;
  error: string | null;
}

/** The user's settings as the host last reported them. */
export const useSettingsStore = create<SettingsState>(() => ({ settings: DEFAULT_SETTINGS, error: null }));

/** Loads the settings from the workspace. */
export async function loadSettings(): Promise<void> {
  settingsChanged(await call('settings:get', {}));
}

/** Saves a change; the host answers with the full settings (and tells every other window). */
export async function updateSettings(patch: SettingsPatch): Promise<void> {
  try {
    settingsChanged(await call('settings:set', patch));
  } catch (error) {
    useSettingsStore.setState({ error: errorMessage(error) });
  }
}

/** Applies settings pushed by the host. */
export function settingsChanged(settings: Settings): void {
  useSettingsStore.setState({ settings, error: null });
}
