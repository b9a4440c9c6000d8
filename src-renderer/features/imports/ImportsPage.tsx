import { Icon } from '../../components/Icon';
import { EmptyState } from '../../components/EmptyState';

/** The list of imports; empty until the first file is dropped or pasted. */
export function ImportsPage() {
  return (
    <div className="page">
      <header className="page__header">
        <h1>Imports</h1>
      </header>
      <EmptyState title="No imports yet" icon={<Icon name="import" size={40} />}>
        <p className="empty-state__lead">Drop a file anywhere or press Ctrl+V to start an import</p>
        <p className="muted">
          CSV, TSV or XML up to 1 GB, or cells copied from a spreadsheet. Intake detects the encoding and the
          delimiter and shows a preview at once.
        </p>
      </EmptyState>
    </div>
  );
}
