import { fillPlaceholders, type RunValues } from '../../../src-shared/mapping/static-placeholders';
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
import { cleanedView, withFillCarries } from '../../../src-shared/cleanup/cleaned-view';
import { dedupeKey } from '../../../src-shared/cleanup/duplicate-rows';
import { fillKey } from '../../../src-shared/cleanup/fill-down';
import { addedColumnNames } from '../../../src-shared/cleanup/row-shape';
import type { Preview } from '../../../src-shared/model/preview';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { call } from '../../api/client';
import { DataGrid, type CellSelection, type GridColumn } from '../../components/grid/DataGrid';
import { previewPage } from '../../components/grid/preview-page';
import { useRowPages } from '../../components/grid/use-row-pages';
import { SetCellsDialog } from '../cleanup/SetCellsDialog';
import { ColumnHeaderControls, type ColumnEditors } from './ColumnHeaderControls';
import { CompactColumnHeader } from './CompactColumnHeader';
import { createRowInspector } from './row-inspector';
import { useCompactHeaders } from './use-compact-headers';
import { formatCount } from '../../components/format';

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
  /** What a run now fills into static columns' placeholders ({run_date}, {file_name}…). */
  runValues: RunValues;
  editorsFor(index: number): ColumnEditors;
  onAddStatic(): void;
  onRemoveStatic(index: number): void;
  /** A cell changed by hand (double-click): kept as a cleanup step with the value it replaced. */
  onEditCell(edit: CellEdit): void;
  /** Several chosen cells of one column set to one value: one step, an edit per cell. */
  onEditCells(edits: CellEdit[]): void;
}

/**
 * The mapping grid: every source column with its controls and profile in the header, the staged
 * rows below with invalid cells highlighted, static columns at the right and a + to add one.
 */
export function MappingGrid(props: Props) {
  const { preview, dataset, mapping, summary, problemsOnly, runValues } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const staged = dataset?.status === 'ready' ? dataset : null;
  // What fill-down steps carry into each row from the rows above it: pages are fetched again when it changes.
  const fills = fillKey(
    mapping.columns.map((column) => column.source),
    mapping.cleanup,
  );
  // What decides which rows a dedupe step removes: pages are fetched again when it changes.
  const dedupes = dedupeKey(mapping);
  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<RowsPage> => {
      if (!staged) {
        if (fills === '') return previewPage(preview, offset, limit);
        // The preview's rows are the file's first: their carries are worked out here, in order.
        const all = previewPage(preview, 0, preview.rows.length);
        return { ...all, offset, rows: withFillCarries(mapping, all.rows).slice(offset, offset + limit) };
      }
      const sort = sorting[0]
        ? { column: Number(sorting[0].id), direction: sorting[0].desc ? ('desc' as const) : ('asc' as const) }
        : undefined;
      // Sorted by the cells as the grid shows them: through the cleanup steps when there are any.
      const cleaned = mapping.cleanup?.length ? { mapping } : {};
      const page = await call('datasets:rows', {
        datasetId: staged.id,
        offset,
        limit,
        ...(problemsOnly ? { problemsOnly: true } : sort ? { sort, ...cleaned } : {}),
      });
      if ((fills === '' && dedupes === '') || page.rows.length === 0) return page;
      // A page from the middle of the file (or of a sorted view) asks the host what fills into its
      // rows, and which of them a dedupe step removes.
      const asked = { datasetId: staged.id, mapping, rowNumbers: page.rows.map((row) => row.rowNumber) };
      const [carries, removed] = await Promise.all([
        fills === '' ? null : call('mapping:fillCarries', asked),
        dedupes === '' ? null : call('mapping:removedRows', asked),
      ]);
      return {
        ...page,
        rows: page.rows.map((row, at) => ({
          ...row,
          ...(carries ? { fill: carries[at] ?? null } : {}),
          ...(removed?.[at] ? { removed: true } : {}),
        })),
      };
    },
    [staged, preview, sorting, problemsOnly, fills, dedupes, mapping],
  );
  const queryKey = JSON.stringify([
    staged?.id ?? preview.header,
    sorting,
    problemsOnly ? props.validationVersion : -1,
    preview.rows.length,
    fills,
    dedupes,
    // A sorted view follows the cleanup steps; an unsorted one only needs the fills above.
    sorting.length > 0 ? (mapping.cleanup ?? null) : null,
  ]);
  const initialTotal =
    problemsOnly && summary ? summary.problemRows : staged ? staged.rowCount : preview.rows.length;
  const pages = useRowPages(queryKey, fetchPage, initialTotal);
  // Rows through the cleanup steps, as validation and runs read them; changed cells are marked.
  const view = useMemo(() => cleanedView(mapping), [mapping]);
  const inspector = useMemo(() => createRowInspector(mapping, view), [mapping, view]);
  // The PII guardrail's preview: personal-data cells as they leave the machine.
  const [showHashed, setShowHashed] = useState(false);
  const hashesAny = mapping.columns.some(
    (column) => hashesColumn(column) && (column.include || column.role === 'id'),
  );
  const hashed = useMemo(() => (showHashed ? hashedPreview(mapping) : null), [showHashed, mapping]);
  // UNIX timestamps in datetime columns show the moment they become beside them.
  const epoch = useMemo(() => epochPreview(mapping), [mapping]);
  const [compact, setCompact] = useCompactHeaders();
  // Cells chosen for a bulk change, by row number; `setting` while the dialog is open.
  const [selection, setSelection] = useState<CellSelection | null>(null);
  const [setting, setSetting] = useState(false);
  const chosen = selection && selection.rows.size > 1 ? selection : null;
  const { matches, attributes, idTypes, editorsFor, onAddStatic, onRemoveStatic, onEditCell, onEditCells } =
    props;
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
      header: compact ? (
        <CompactColumnHeader
          index={index}
          mapping={mapping}
          validation={summary?.columns[index]}
          edit={editorsFor(index)}
        />
      ) : (
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
      // What a run now imports: placeholders filled (an unknown one stays as typed; the checklist names it).
      value: () => {
        const filled = fillPlaceholders(column.value, runValues);
        return filled.ok ? filled.value : column.value;
      },
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
    compact,
    runValues,
  ]);

  return (
    <div className="preview-grid mapping-grid">
      <div className="preview-grid__toolbar">
        <span className="muted" data-testid="row-total">
          {staged
            ? problemsOnly
              ? `${formatCount(pages.total)} rows with problems`
              : `${formatCount(staged.rowCount)} rows`
            : `first ${preview.rows.length} rows (preview; validation runs once loaded)`}
        </span>
        {pages.error && <span className="form-error">{pages.error}</span>}
        {chosen ? (
          <span className="mapping-grid__chosen" data-testid="chosen-cells">
            {formatCount(chosen.rows.size)} cells of {mapping.columns[chosen.column]?.source} chosen
            <button type="button" onClick={() => setSetting(true)}>
              Set {formatCount(chosen.rows.size)} cells…
            </button>
            <button type="button" className="link" onClick={() => setSelection(null)}>
              clear
            </button>
          </span>
        ) : (
          <span className="muted mapping-grid__hint">
            Double-click, Enter or F2 edits a cell · Shift- or Ctrl-click chooses several in a column
          </span>
        )}
        <span className="mapping-grid__toggles">
          <label
            className="preview-grid__toggle"
            title="One line per column header (the full controls return when unticked); kept for this session"
          >
            <input
              type="checkbox"
              checked={compact}
              data-testid="compact-headers"
              onChange={(event) => setCompact(event.target.checked)}
            />
            Compact column headers
          </label>
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
        </span>
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
        selection={selection}
        onSelectionChange={setSelection}
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
      {setting && chosen && (
        <SetCellsDialog
          column={mapping.columns[chosen.column]?.source ?? ''}
          columnIndex={chosen.column}
          rows={chosen.rows}
          onApply={(edits) => {
            onEditCells(edits);
            setSelection(null);
          }}
          onClose={() => setSetting(false)}
        />
      )}
    </div>
  );
}
