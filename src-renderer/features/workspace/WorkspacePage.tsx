import { useAppStore } from '../../stores/app.store';
import { SettingsForm } from './SettingsForm';

/** Where the workspace lives and the settings stored in it. */
export function WorkspacePage() {
  const info = useAppStore((state) => state.info);
  if (!info) return null;
  return (
    <div className="page">
      <header className="page__header">
        <h1>Workspace</h1>
      </header>
      <section className="card">
        <h2>Database</h2>
        <dl className="facts">
          <dt>Folder</dt>
          <dd data-testid="workspace-path">{info.workspacePath}</dd>
          <dt>Database</dt>
          <dd>{info.databasePath}</dd>
          <dt>Schema version</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>SQLite</dt>
          <dd>{info.versions.sqlite}</dd>
        </dl>
      </section>
      <SettingsForm />
    </div>
  );
}
