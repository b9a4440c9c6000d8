import type { VoucherPoolSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { selectPool, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { formatCount } from '../../components/format';
import { NoData } from './NoData';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { useQuery } from './use-query';
import { VoucherCodes } from './VoucherCodes';

const COLUMNS: TableColumn<VoucherPoolSummary>[] = [
  { header: 'Pool', name: true, cell: (pool) => pool.name },
  { header: 'Codes', numeric: true, cell: (pool) => formatCount(pool.codes) },
  { header: 'Created', cell: (pool) => <Timestamp value={pool.createdAt} /> },
];

/** Voucher pools with their code counts; selecting one lists its codes. */
export function VouchersTab() {
  const selected = useBrowseStore((state) => state.pool);
  const pools = useQuery('voucherPools', () => call('browse:voucherPools', {}));
  if (pools.data?.length === 0 && !pools.loading) {
    return (
      <NoData title="No voucher pools yet">
        Import a vouchers file into a named pool on the Imports page.
      </NoData>
    );
  }
  return (
    <div className="browse-split">
      <section className="browse-list" aria-label="Voucher pools">
        <QueryError message={pools.error} />
        {pools.data && (
          <BrowseTable
            caption="Voucher pools"
            columns={COLUMNS}
            rows={pools.data}
            rowKey={(pool) => pool.name}
            rowTestId="voucher-pool-row"
            onOpen={(pool) => selectPool(pool.name)}
            selectedKey={selected}
            busy={pools.loading}
          />
        )}
      </section>
      {selected === null ? (
        <p className="browse-placeholder">Select a pool to see its codes.</p>
      ) : (
        <VoucherCodes key={selected} pool={selected} />
      )}
    </div>
  );
}
