import type { VoucherCode } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { usePagedQuery } from './use-paged-query';

const COLUMNS: TableColumn<VoucherCode>[] = [
  { header: 'Code', cell: (code) => <code>{code.code}</code> },
  { header: 'Imported', cell: (code) => <Timestamp value={code.importedAt} /> },
];

/** One pool's codes, a page at a time. */
export function VoucherCodes({ pool }: { pool: string }) {
  const codes = usePagedQuery(`voucherCodes\u0000${pool}`, (offset, limit) =>
    call('browse:voucherCodes', { pool, offset, limit }),
  );
  return (
    <section className="browse-detail" aria-label={`Codes of ${pool}`}>
      <h2>{pool}</h2>
      <QueryError message={codes.error} />
      {codes.data && (
        <BrowseTable
          caption={`Codes of ${pool}`}
          columns={COLUMNS}
          rows={codes.data.items}
          rowKey={(code) => code.code}
          rowTestId="voucher-code-row"
          busy={codes.loading}
        />
      )}
      <Pager query={codes} noun="codes" />
    </section>
  );
}
