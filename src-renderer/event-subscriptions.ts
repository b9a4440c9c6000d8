import type { MenuCommand } from '../src-shared/model/menu';
import { on } from './api/client';
import { setAboutOpen, setPasteOpen, showPage } from './stores/navigation.store';
import { chooseFiles, datasetProgressed } from './stores/drafts.store';
import { settingsChanged } from './stores/settings.store';
import { openRunDetail, runProgressed } from './stores/runs.store';
import { exportProgressed } from './stores/exports.store';
import { automationFailed } from './stores/automation.store';

/** Every pushed event the renderer listens to, installed once at start-up. */
export function installEventSubscriptions(): () => void {
  const unsubscribers = [
    on('settings:changed', settingsChanged),
    on('menu:command', runMenuCommand),
    on('datasets:progress', datasetProgressed),
    on('runs:progress', runProgressed),
    on('runs:progress', exportProgressed),
    on('automation:runFailed', automationFailed),
    on('runs:show', ({ runId }) => {
      showPage('imports');
      openRunDetail(runId);
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'about':
      setAboutOpen(true);
      break;
    case 'new-import':
      showPage('imports');
      break;
    case 'open-file':
      showPage('imports');
      void chooseFiles();
      break;
    case 'paste-import':
      setPasteOpen(true);
      break;
  }
}
