import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../src-shared/model/settings';
import { SettingsSchema } from '../../../src-shared/schemas/settings';

/** Reads the settings, filling defaults for keys never set and for stored values that no longer validate. */
export function readSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) merged[row.key] = JSON.parse(row.value);
  }
  const parsed = SettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Stores the keys of a validated patch in one transaction and returns the resulting settings. */
export function writeSettings(db: Database, patch: SettingsPatch): Settings {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
    }
  })();
  return readSettings(db);
}
