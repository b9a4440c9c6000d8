import type { z } from 'zod';
import type { SettingsSchema, SettingsPatchSchema } from '../schemas/settings';

/** The user's settings, stored in the workspace. */
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial settings update. */
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Settings of a new workspace. */
export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  previewRows: 100,
  defaultTimeZone: 'UTC',
};
