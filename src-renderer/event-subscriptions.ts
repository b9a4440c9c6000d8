import type { MenuCommand } from '../src-shared/model/menu';
import { on } from './api/client';
import { setAboutOpen, showPage } from './stores/navigation.store';
import { settingsChanged } from './stores/settings.store';

/** Every pushed event the renderer listens to, installed once at start-up. */
export function installEventSubscriptions(): () => void {
  const unsubscribers = [on('settings:changed', settingsChanged), on('menu:command', runMenuCommand)];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'about':
      setAboutOpen(true);
      break;
    case 'new-import':
    case 'open-file':
    case 'paste-import':
      showPage('imports');
      break;
  }
}
