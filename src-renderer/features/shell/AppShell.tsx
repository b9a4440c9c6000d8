import { ErrorBoundary } from '../../components/ErrorBoundary';
import { useAppStore } from '../../stores/app.store';
import { addFiles } from '../../stores/drafts.store';
import { showPage, useNavigationStore } from '../../stores/navigation.store';
import { DataPage } from '../browse/DataPage';
import { ConnectionsPage } from '../connections/ConnectionsPage';
import { ImportsPage } from '../imports/ImportsPage';
import { WorkspacePage } from '../workspace/WorkspacePage';
import { AboutDialog } from './AboutDialog';
import { DropOverlay } from './DropOverlay';
import { Sidebar } from './Sidebar';
import { useFileDrag } from './use-file-drag';
import { useTheme } from './use-theme';

const PAGES = {
  imports: ImportsPage,
  data: DataPage,
  connections: ConnectionsPage,
  workspace: WorkspacePage,
};

/** A drop anywhere starts one import per file, on the Imports page. */
function dropFiles(files: File[]): void {
  showPage('imports');
  void addFiles(files);
}

/** The window: sidebar, the current page, the drop overlay and dialogs. */
export function AppShell() {
  useTheme();
  const status = useAppStore((state) => state.status);
  const error = useAppStore((state) => state.error);
  const page = useNavigationStore((state) => state.page);
  const dragging = useFileDrag(dropFiles);
  const Page = PAGES[page];

  if (status === 'failed') {
    return (
      <div className="error-screen" role="alert">
        <h1>Intake could not reach its host</h1>
        <p>{error}</p>
      </div>
    );
  }
  return (
    <div className="app">
      <Sidebar />
      <main className="app__main">
        <ErrorBoundary key={page}>{status === 'ready' && <Page />}</ErrorBoundary>
      </main>
      <DropOverlay visible={dragging} />
      <AboutDialog />
    </div>
  );
}
