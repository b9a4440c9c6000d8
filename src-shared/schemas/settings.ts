import { z } from 'zod';

/** Colour scheme: follow the OS, or force one. */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);

/** Every user setting with its allowed range. */
export const SettingsSchema = z.object({
  theme: ThemeSchema,
  /** Rows the preview grid shows before the full dataset is staged (DESIGN.md §2). */
  previewRows: z.number().int().min(1).max(1000),
  /** IANA zone applied to ISO 8601 datetimes without an offset. */
  defaultTimeZone: z.string().min(1).max(64),
});

/** A partial update of the settings; unknown keys are refused so typos surface. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
