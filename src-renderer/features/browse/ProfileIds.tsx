import type { CustomerId } from '../../../src-shared/model/browse';
import { BrowseTable, type TableColumn } from './BrowseTable';

const COLUMNS: TableColumn<CustomerId>[] = [
  { header: 'ID type', name: true, cell: (id) => id.idType },
  { header: 'Value', cell: (id) => <span className="browse-value">{id.value}</span> },
];

/** A profile's IDs, type → value. */
export function ProfileIds({ ids }: { ids: CustomerId[] }) {
  return (
    <section aria-label="IDs">
      <h3>IDs</h3>
      <BrowseTable
        caption="Customer IDs"
        columns={COLUMNS}
        rows={ids}
        rowKey={(id) => `${id.idType}\u0000${id.value}`}
        rowTestId="profile-id"
      />
    </section>
  );
}
