import type { CustomerSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { openCustomer, setCustomerSearch, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { CustomerIdList } from './CustomerIdList';
import { CustomerProfilePanel } from './CustomerProfilePanel';
import { formatCount } from '../../components/format';
import { NoData } from './NoData';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { SearchBox } from './SearchBox';
import { SearchMatch } from './SearchMatch';
import { Timestamp } from './Timestamp';
import { useDebouncedValue } from './use-debounced-value';
import { usePagedQuery } from './use-paged-query';

const IDS: TableColumn<CustomerSummary> = {
  header: 'IDs',
  cell: (customer) => <CustomerIdList ids={customer.ids} />,
};
const REST: TableColumn<CustomerSummary>[] = [
  { header: 'Attributes', numeric: true, cell: (customer) => formatCount(customer.attributeCount) },
  { header: 'Events', numeric: true, cell: (customer) => formatCount(customer.eventCount) },
  { header: 'Updated', cell: (customer) => <Timestamp value={customer.updatedAt} /> },
];
const COLUMNS = [IDS, ...REST];
/** While searching, each row says what matched. */
const SEARCH_COLUMNS = [
  IDS,
  { header: 'Matched', cell: (customer) => <SearchMatch match={customer.match} /> },
  ...REST,
] satisfies TableColumn<CustomerSummary>[];

/**
 * Customers, searchable by any part of an ID or the start of an email or phone (customers
 * matched by an ID first); opening one shows its profile beside the grid.
 */
export function CustomersTab() {
  const search = useBrowseStore((state) => state.customerSearch);
  const customerId = useBrowseStore((state) => state.customerId);
  const text = useDebouncedValue(search.trim());
  const customers = usePagedQuery(`customers\u0000${text}`, (offset, limit) =>
    call('browse:customers', { search: text, offset, limit }),
  );
  const page = customers.data;
  const nothingImported = !customers.loading && text === '' && page?.total === 0;

  if (nothingImported && customerId === null) {
    return <NoData title="No customers yet">Import a customers or events file on the Imports page.</NoData>;
  }
  return (
    <div className={customerId === null ? 'browse-single' : 'browse-split browse-split--wide-list'}>
      <section className="browse-list" aria-label="Customers">
        <SearchBox
          label="Search customers by ID, email or phone"
          placeholder="Search by ID, email or phone…"
          value={search}
          onChange={setCustomerSearch}
          testId="customer-search"
        />
        <QueryError message={customers.error} />
        {page && page.total === 0 && text !== '' ? (
          <p className="browse-placeholder">
            No customer has an ID containing “{text}”, or an email or phone starting with it.
          </p>
        ) : (
          page && (
            <BrowseTable
              caption="Customers"
              columns={text === '' ? COLUMNS : SEARCH_COLUMNS}
              rows={page.items}
              rowKey={(customer) => String(customer.id)}
              rowTestId="customer-row"
              onOpen={(customer) => openCustomer(customer.id)}
              selectedKey={customerId === null ? null : String(customerId)}
              busy={customers.loading}
            />
          )
        )}
        <Pager query={customers} noun="customers" />
      </section>
      {customerId !== null && <CustomerProfilePanel key={customerId} customerId={customerId} />}
    </div>
  );
}
