import type { CatalogSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { selectCatalog, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { CatalogItems } from './CatalogItems';
import { formatCount } from '../../components/format';
import { NoData } from './NoData';
import { QueryError } from './QueryError';
import { useQuery } from './use-query';

const COLUMNS: TableColumn<CatalogSummary>[] = [
  { header: 'Catalog', name: true, cell: (catalog) => catalog.name },
  { header: 'Kind', cell: (catalog) => (catalog.kind === 'product' ? 'Product' : 'General') },
  {
    header: 'Searchable fields',
    cell: (catalog) =>
      catalog.searchable.length ? catalog.searchable.join(', ') : <span className="browse-blank">none</span>,
  },
  { header: 'Items', numeric: true, cell: (catalog) => formatCount(catalog.itemCount) },
];

/** Catalogs with their kind and searchable fields; selecting one lists its items. */
export function CatalogsTab() {
  const selected = useBrowseStore((state) => state.catalog);
  const catalogs = useQuery('catalogs', () => call('browse:catalogs', {}));
  if (catalogs.data?.length === 0 && !catalogs.loading) {
    return (
      <NoData title="No catalogs yet">Import a catalog file (general or product) on the Imports page.</NoData>
    );
  }
  const catalog = catalogs.data?.find((candidate) => candidate.name === selected);
  return (
    <div className="browse-split">
      <section className="browse-list" aria-label="Catalogs">
        <QueryError message={catalogs.error} />
        {catalogs.data && (
          <BrowseTable
            caption="Catalogs"
            columns={COLUMNS}
            rows={catalogs.data}
            rowKey={(candidate) => candidate.name}
            rowTestId="catalog-row"
            onOpen={(candidate) => selectCatalog(candidate.name)}
            selectedKey={selected}
            busy={catalogs.loading}
          />
        )}
      </section>
      {catalog ? (
        <CatalogItems key={catalog.name} catalog={catalog} />
      ) : (
        <p className="browse-placeholder">Select a catalog to see its items.</p>
      )}
    </div>
  );
}
