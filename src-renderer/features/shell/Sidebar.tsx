import { Icon, type IconName } from '../../components/Icon';
import { useAppStore } from '../../stores/app.store';
import { showPage, useNavigationStore, type Page } from '../../stores/navigation.store';

const ENTRIES: { page: Page; label: string; icon: IconName }[] = [
  { page: 'imports', label: 'Imports', icon: 'import' },
  { page: 'data', label: 'Data', icon: 'data' },
  { page: 'connections', label: 'Connections', icon: 'connection' },
  { page: 'workspace', label: 'Workspace', icon: 'workspace' },
];

/** The app's main navigation. */
export function Sidebar() {
  const page = useNavigationStore((state) => state.page);
  const info = useAppStore((state) => state.info);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">Intake</div>
      <ul>
        {ENTRIES.map((entry) => (
          <li key={entry.page}>
            <button
              type="button"
              className={entry.page === page ? 'sidebar__item sidebar__item--active' : 'sidebar__item'}
              aria-current={entry.page === page ? 'page' : undefined}
              onClick={() => showPage(entry.page)}
            >
              <span className="sidebar__icon">
                <Icon name={entry.icon} />
              </span>
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
      {info && (
        <div className="sidebar__footer" title={info.workspacePath}>
          v{info.version} · {info.shell === 'web' ? 'browser' : 'desktop'}
        </div>
      )}
    </nav>
  );
}
