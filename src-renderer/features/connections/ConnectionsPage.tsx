import { Icon } from '../../components/Icon';
import { EmptyState } from '../../components/EmptyState';

/** Saved connections to storage, URL feeds and databases. */
export function ConnectionsPage() {
  return (
    <div className="page">
      <header className="page__header">
        <h1>Connections</h1>
      </header>
      <EmptyState title="No connections saved" icon={<Icon name="connection" size={40} />}>
        <p className="muted">
          A connection keeps the settings of a URL feed, an SFTP, S3, Azure or GCS folder, or a SQL database,
          so imports can read from it again and on a schedule. Passwords and keys stay in your system
          keychain.
        </p>
      </EmptyState>
    </div>
  );
}
