import { useEffect } from 'react';
import { useSettingsStore } from '../../stores/settings.store';

/** Applies the theme setting; "system" leaves the choice to the OS through prefers-color-scheme. */
export function useTheme(): void {
  const theme = useSettingsStore((state) => state.settings.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
