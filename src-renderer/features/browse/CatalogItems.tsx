import type { CatalogItem, CatalogSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { setCatalogSearch, useBrowseStore } from '../../stores/browse.store';
import { AttributeList } from './AttributeList';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { SearchBox } from './SearchBox';
import { Timestamp } from './Timestamp';
import { useDebouncedValue } from './use-debounced-value';
import { usePagedQuery } from './use-paged-query';

const ITEM_ID: TableColumn<CatalogItem> = {
  header: 'Item ID',
  cell: (item) => <span className="browse-value">{item.itemId}</span>,
};
const PRODUCT_ID: TableColumn<CatalogItem> = {
  header: 'Product ID',
  cell: (item) => item.productId ?? <span className="browse-blank">blank</span>,
};
const REST: TableColumn<CatalogItem>[] = [
  { header: 'Attributes', cell: (item) => <AttributeList attributes={item.attributes} /> },
  { header: 'Updated', cell: (item) => <Timestamp value={item.updatedAt} /> },
];
// Only product catalogs have product IDs; a general catalog's column would always be blank.
const GENERAL_COLUMNS = [ITEM_ID, ...REST];
const PRODUCT_COLUMNS = [ITEM_ID, PRODUCT_ID, ...REST];

/** One catalog's items, searchable by item ID, a page at a time. */
export function CatalogItems({ catalog }: { catalog: CatalogSummary }) {
  const search = useBrowseStore((state) => state.catalogSearch);
  const text = useDebouncedValue(search.trim());
  const items = usePagedQuery(`catalogItems\u0000${catalog.name}\u0000${text}`, (offset, limit) =>
    call('browse:catalogItems', { catalog: catalog.name, search: text, offset, limit }),
  );
  const page = items.data;
  return (
    <section className="browse-detail" aria-label={`Items of ${catalog.name}`}>
      <h2>{catalog.name}</h2>
      <SearchBox
        label={`Search items of ${catalog.name} by item ID`}
        placeholder="Search by item ID…"
        value={search}
        onChange={setCatalogSearch}
        testId="catalog-search"
      />
      <QueryError message={items.error} />
      {page && page.total === 0 ? (
        <p className="browse-placeholder">
          {text ? `No item ID contains “${text}”.` : 'This catalog has no items.'}
        </p>
      ) : (
        page && (
          <BrowseTable
            caption={`Items of ${catalog.name}`}
            columns={catalog.kind === 'product' ? PRODUCT_COLUMNS : GENERAL_COLUMNS}
            rows={page.items}
            rowKey={(item) => item.itemId}
            rowTestId="catalog-item-row"
            busy={items.loading}
          />
        )
      )}
      <Pager query={items} noun="items" />
    </section>
  );
}
