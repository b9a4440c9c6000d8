import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installEventSubscriptions } from './event-subscriptions';
import { AppShell } from './features/shell/AppShell';
import { loadAppInfo, useAppStore } from './stores/app.store';
import { loadSettings } from './stores/settings.store';
import './styles/base.css';
import './styles/layout.css';
import './styles/wizard.css';
import './styles/mapping.css';
import './styles/cleanup.css';
import './styles/identity.css';
import './styles/browse.css';
import './styles/runs.css';
import './styles/connections.css';
import './styles/schedule.css';

// Start-up: subscribe to events, ask the host who it is, then mark the document ready for tests.
installEventSubscriptions();
void Promise.all([loadAppInfo(), loadSettings().catch(() => undefined)]).then(() => {
  document.documentElement.dataset.appState = useAppStore.getState().status === 'ready' ? 'ready' : 'failed';
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
