import type { SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import type { AttributeMatch } from '../../../src-shared/mapping/auto-match';
import { COLUMN_TYPE_LABELS } from '../../../src-shared/model/column-type';
import { epochPreview } from '../../../src-shared/mapping/epoch-preview';
import { hashedPreview } from '../../../src-shared/mapping/hashed-preview';
import { hashesColumn } from '../../../src-shared/mapping/personal-data';
import type { Dataset, DatasetRow, RowsPage } from '../../../src-shared/model/dataset';
import type { Attribute, IdType } from '../../../src-shared/model/id-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { CellEdit } from '../../../src-shared/model/cleanup';
import { cleanedView } from '../../../src-shared/cleanup/cleaned-view';
import { addedColumnNames } from '../../../src-shared/cleanup/row-shape';
import type { Preview } from '../../../src-shared/model/preview';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { call } from '../../api/client';
import { DataGrid, type GridColumn } from '../../components/grid/DataGrid';
import { previewPage } from '../../components/grid/preview-page';
import { useRowPages } from '../../components/grid/use-row-pages';
import { ColumnHeaderControls, type ColumnEditors } from './ColumnHeaderControls';
import { createRowInspector } from './row-inspector';

interface Props {
  preview: Preview;
  dataset: Dataset | null;
  mapping: ImportMapping;
  matches: (AttributeMatch | null)[];
  attributes: Attribute[];
  idTypes: IdType[];
  summary: ValidationSummary | null;
  /** Bumped with each new validation, so the problems-only pages refetch. */
  validationVersion: number;
  problemsOnly: boolean;
  editorsFor(index: number): ColumnEditors;
  onAddStatic(): void;
  onRemoveStatic(index: number): void;
  /** A cell changed by hand (double-click): kept as a cleanup step with the value it replaced. */
  onEditCell(edit: CellEdit): void;
}

/**
 * The mapping grid: every source column with its controls and profile in the header, the staged
 * rows below with invalid cells highlighted, static columns at the right and a + to add one.
 */
export function MappingGrid(props: Props) {
  const { preview, dataset, mapping, summary, problemsOnly } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const staged = dataset?.status === 'ready' ? dataset : null;
  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<RowsPage> => {
      if (!staged) return previewPage(preview, offset, limit);
      if (problemsOnly)
        return call('datasets:rows', { datasetId: staged.id, offset, limit, problemsOnly: true });
      const sort = sorting[0]
        ? { column: Number(sorting[0].id), direction: sorting[0].desc ? ('desc' as const) : ('asc' as const) }
        : undefined;
      return call('datasets:rows', { datasetId: staged.id, offset, limit, ...(sort ? { sort } : {}) });
    },
    [staged, preview, sorting, problemsOnly],
  );
  const queryKey = JSON.stringify([
    staged?.id ?? preview.header,
    sorting,
    problemsOnly ? props.validationVersion : -1,
    preview.rows.length,
  ]);
  const initialTotal =
    problemsOnly && summary ? summary.problemRows : staged ? staged.rowCount : preview.rows.length;
  const pages = useRowPages(queryKey, fetchPage, initialTotal);
  const inspector = useMemo(() => createRowInspector(mapping), [mapping]);
  // The PII guardrail's preview: personal-data cells as they leave the machine.
  const [showHashed, setShowHashed] = useState(false);
  const hashesAny = mapping.columns.some(
    (column) => hashesColumn(column) && (column.include || column.role === 'id'),
  );
  const hashed = useMemo(() => (showHashed ? hashedPreview(mapping) : null), [showHashed, mapping]);
  // UNIX timestamps in datetime columns show the moment they become beside them.
  const epoch = useMemo(() => epochPreview(mapping), [mapping]);
  // Rows through the cleanup steps, as validation and runs read them; changed cells are marked.
  const view = useMemo(() => cleanedView(mapping), [mapping]);
  const { matches, attributes, idTypes, editorsFor, onAddStatic, onRemoveStatic, onEditCell } = props;
  const columns = useMemo<GridColumn[]>(() => {
    // Whether cleanup changed the cell the file has.
    const cleaned = (row: DatasetRow, index: number) =>
      (view(row).cleaned[index] ?? '') !== (row.cells[index] ?? '');
    // Columns a split or merge adds follow the file's: not sortable by the host, not editable by hand.
    const fileWidth = mapping.columns.length - addedColumnNames(mapping.cleanup).length;
    const source = mapping.columns.map<GridColumn>((column, index) => ({
      name: column.source,
      ...(index >= fileWidth ? { sortable: false, editable: false } : {}),
      // A role column pairs or keys rows even when it is not imported: tagged, not dropped.
      className: column.role ? 'mapped--role' : column.include ? '' : 'mapped--dropped',
      header: (
        <ColumnHeaderControls
          index={index}
          mapping={mapping}
          attributes={attributes}
          idTypes={idTypes}
          validation={summary?.columns[index]}
          match={matches[index] ?? null}
          edit={editorsFor(index)}
        />
      ),
      value: (row: DatasetRow) => view(row).cleaned[index] ?? '',
      cellClass: (row) =>
        inspector.cellClass(row, index) ?? (cleaned(row, index) ? 'cell--cleaned' : undefined),
      cellTitle: (row) =>
        inspector.cellTitle(row, index) ??
        (cleaned(row, index) ? `Cleaned; the file has "${row.cells[index] ?? ''}"` : undefined),
      // Previews start from the hand-edited cell: they apply the column's steps themselves.
      ...(column.type === 'datetime'
        ? {
            value: (row: DatasetRow) =>
              epoch(index, view(row).edited[index] ?? '') ?? view(row).cleaned[index] ?? '',
          }
        : {}),
      ...(hashed && hashesColumn(column)
        ? {
            value: (row: DatasetRow) =>
              hashed(index, view(row).edited[index] ?? '')?.text ?? view(row).cleaned[index] ?? '',
            cellClass: (row: DatasetRow) => {
              const cell = hashed(index, view(row).edited[index] ?? '');
              return cell
                ? cell.refused
                  ? 'cell--invalid'
                  : 'cell--hashed'
                : inspector.cellClass(row, index);
            },
            cellTitle: (row: DatasetRow) =>
              hashed(index, view(row).edited[index] ?? '')?.title ?? inspector.cellTitle(row, index),
          }
        : {}),
    }));
    const statics = mapping.statics.map<GridColumn>((column, index) => ({
      name: column.name,
      sortable: false,
      editable: false,
      className: 'mapped--static',
      header: (
        <div className="column-controls">
          <span className="muted">Static · {COLUMN_TYPE_LABELS[column.type]}</span>
          <button
            type="button"
            className="link"
            onClick={() => onRemoveStatic(index)}
            aria-label={`Remove static column ${column.name}`}
          >
            remove
          </button>
        </div>
      ),
      value: () => column.value,
      cellClass: () => 'cell--static',
    }));
    return [...source, ...statics];
  }, [
    mapping,
    attributes,
    idTypes,
    summary,
    matches,
    editorsFor,
    inspector,
    onRemoveStatic,
    hashed,
    epoch,
    view,
  ]);

  return (
    <div className="preview-grid mapping-grid">
      <div className="preview-grid__toolbar">
        <span className="muted" data-testid="row-total">
          {staged
            ? problemsOnly
              ? `${pages.total.toLocaleString()} rows with problems`
              : `${staged.rowCount.toLocaleString()} rows`
            : `first ${preview.rows.length} rows (preview; validation runs once loaded)`}
        </span>
        {pages.error && <span className="form-error">{pages.error}</span>}
        {hashesAny && (
          <label
            className="preview-grid__toggle"
            title="Email, phone and columns marked personal are normalised and SHA-256 hashed before they leave this computer (pushes and exports); the workspace keeps what you import."
          >
            <input
              type="checkbox"
              checked={showHashed}
              data-testid="show-hashed"
              onChange={(event) => setShowHashed(event.target.checked)}
            />
            Show personal data as sent (hashed)
          </label>
        )}
      </div>
      <DataGrid
        columns={columns}
        total={pages.total}
        rowAt={pages.rowAt}
        onRangeChange={pages.ensureRange}
        sorting={staged && !problemsOnly ? sorting : []}
        onSortingChange={(next) => staged && !problemsOnly && setSorting(next)}
        version={pages.version}
        columnWidth={210}
        rowClass={inspector.rowClass}
        // Source cells are edited by row number and column (never by position in a sorted view).
        onEditCell={(row, index, value) => {
          if (index >= mapping.columns.length) return;
          onEditCell({
            row: row.rowNumber,
            column: mapping.columns[index]!.source,
            old: row.cells[index] ?? '',
            value,
          });
        }}
        rowTitle={inspector.rowTitle}
        trailing={
          <button
            type="button"
            className="grid__add-column"
            onClick={onAddStatic}
            title="Add a static column"
            aria-label="Add a static column"
          >
            +
          </button>
        }
      />
    </div>
  );
}
