import type { SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { COLUMN_TYPE_LABELS } from '../../../src-shared/model/column-type';
import type { Dataset, RowsPage } from '../../../src-shared/model/dataset';
import type { Preview } from '../../../src-shared/model/preview';
import { call } from '../../api/client';
import { DataGrid, type GridColumn } from '../../components/grid/DataGrid';
import { previewPage } from '../../components/grid/preview-page';
import { useRowPages } from '../../components/grid/use-row-pages';
import { formatCount } from '../../components/format';

interface Props {
  preview: Preview;
  dataset: Dataset | null;
}

/**
 * The rows of a new import: the preview's first rows at once, then every staged row, paged from
 * the workspace, with sorting and a filter over the whole dataset.
 */
export function PreviewGrid({ preview, dataset }: Props) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  const staged = dataset?.status === 'ready' ? dataset : null;
  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<RowsPage> => {
      if (!staged) return previewPage(preview, offset, limit);
      const sort = sorting[0]
        ? { column: Number(sorting[0].id), direction: sorting[0].desc ? ('desc' as const) : ('asc' as const) }
        : undefined;
      return call('datasets:rows', {
        datasetId: staged.id,
        offset,
        limit,
        ...(sort ? { sort } : {}),
        ...(filter.trim() ? { filter } : {}),
      });
    },
    [staged, preview, sorting, filter],
  );
  const queryKey = JSON.stringify([staged?.id ?? preview.header, sorting, filter, preview.rows.length]);
  const pages = useRowPages(queryKey, fetchPage, staged ? staged.rowCount : preview.rows.length);
  const columns = useMemo<GridColumn[]>(
    () =>
      (staged?.columns ?? preview.header).map((name, index) => {
        const sniffed = preview.columns[index];
        return {
          name,
          header: sniffed && (
            <span
              className="grid__type"
              title={
                sniffed.share < 1 ? `${Math.round(sniffed.share * 100)}% of sampled values fit` : undefined
              }
            >
              {COLUMN_TYPE_LABELS[sniffed.type]}
            </span>
          ),
        };
      }),
    [staged, preview],
  );
  return (
    <div className="preview-grid">
      <div className="preview-grid__toolbar">
        <input
          type="search"
          placeholder={staged ? 'Filter all rows…' : 'Filter (once loaded)…'}
          aria-label="Filter rows"
          value={filter}
          disabled={!staged}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted" data-testid="row-total">
          {staged
            ? `${formatCount(pages.total)} of ${formatCount(staged.rowCount)} rows`
            : `first ${preview.rows.length} rows (preview)`}
        </span>
        {pages.error && <span className="form-error">{pages.error}</span>}
      </div>
      <DataGrid
        columns={columns}
        total={pages.total}
        rowAt={pages.rowAt}
        onRangeChange={pages.ensureRange}
        sorting={staged ? sorting : []}
        onSortingChange={(next) => staged && setSorting(next)}
        version={pages.version}
      />
    </div>
  );
}
