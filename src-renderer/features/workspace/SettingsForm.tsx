import type { Settings } from '../../../src-shared/model/settings';
import { updateSettings, useSettingsStore } from '../../stores/settings.store';

const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The settings kept in the workspace; each change is saved at once. */
export function SettingsForm() {
  const settings = useSettingsStore((state) => state.settings);
  const error = useSettingsStore((state) => state.error);
  return (
    <section className="card">
      <h2>Settings</h2>
      <div className="form-grid">
        <label htmlFor="setting-theme">Appearance</label>
        <select
          id="setting-theme"
          value={settings.theme}
          onChange={(event) => void updateSettings({ theme: event.target.value as Settings['theme'] })}
        >
          {THEMES.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {theme.label}
            </option>
          ))}
        </select>
        <label htmlFor="setting-preview-rows">Preview rows</label>
        <input
          id="setting-preview-rows"
          type="number"
          min={1}
          max={1000}
          defaultValue={settings.previewRows}
          key={settings.previewRows}
          onBlur={(event) => void updateSettings({ previewRows: Number(event.target.value) })}
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
