import { useState } from 'react';
import { cleanedView } from '../../../src-shared/cleanup/cleaned-view';
import { addShapeStep } from '../../../src-shared/mapping/mapping-edits';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { ApplyStepButton } from './ApplyStepButton';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../components/format';
import type { StepPreviewState } from '../../stores/step-preview.store';
import { useStepPreview } from './use-step-preview';

/** The merge step's bounds (the cleanup schema's). */
const MIN_COLUMNS = 2;
const MAX_COLUMNS = 10;
/** Sample rows shown merged before the step is applied. */
const EXAMPLES = 5;

interface Props {
  mapping: ImportMapping;
  /** The staged dataset: the merged column's values are counted over every row of it. */
  datasetId: string | null;
  /** The file's first rows, as the preview read them: the merge is shown on them. */
  sampleRows: readonly (readonly string[])[];
  /** The row number of the first sample row (2 under a header). */
  firstRowNumber: number;
  onApply(step: CleanupStep): void;
  onClose(): void;
}

type MergeStep = Extract<CleanupStep, { kind: 'merge' }>;

/**
 * Joins 2–10 columns' values, in the order picked, with a separator into a new column after the
 * file's (blank values are skipped); shown on the file's first rows, through every cleanup step
 * the grid shows, before it is applied.
 */
export function MergeDialog({ mapping, datasetId, sampleRows, firstRowNumber, onApply, onClose }: Props) {
  const sources = mapping.columns.map((column) => column.source);
  const [columns, setColumns] = useState<string[]>(() => sources.slice(0, MIN_COLUMNS));
  const [separator, setSeparator] = useState(' ');
  // The name follows the columns until the person types one.
  const [typed, setTyped] = useState<string | null>(null);
  const into = typed ?? columns.join('_');
  const problem =
    new Set(columns).size !== columns.length
      ? 'Pick each column once.'
      : into.trim() === ''
        ? 'Give the new column a name.'
        : sources.includes(into.trim())
          ? `"${into.trim()}" is already a column.`
          : null;
  const step: MergeStep | null =
    problem === null ? { kind: 'merge', columns, separator, into: into.trim() } : null;
  const examples = mergedExamples(mapping, step, sampleRows, firstRowNumber);
  const counted = useStepPreview(datasetId, mapping, step);
  return (
    <Dialog title="Merge columns" open onClose={onClose}>
      <div className="form-grid">
        {columns.map((column, at) => (
          <ColumnField
            key={at}
            at={at}
            column={column}
            sources={sources}
            removable={columns.length > MIN_COLUMNS}
            onChange={(next) => setColumns(columns.map((other, where) => (where === at ? next : other)))}
            onRemove={() => setColumns(columns.filter((_, where) => where !== at))}
          />
        ))}
        <label htmlFor="merge-separator">Separator</label>
        <input
          id="merge-separator"
          value={separator}
          maxLength={100}
          placeholder="(none: values run together)"
          onChange={(event) => setSeparator(event.target.value)}
        />
        <label htmlFor="merge-into">New column</label>
        <input id="merge-into" value={into} onChange={(event) => setTyped(event.target.value)} />
      </div>
      {columns.length < Math.min(MAX_COLUMNS, sources.length) && (
        <button
          type="button"
          className="link"
          onClick={() =>
            setColumns([...columns, sources.find((source) => !columns.includes(source)) ?? sources[0]!])
          }
        >
          One more column
        </button>
      )}
      <p className="muted">
        Values are trimmed and blank ones skipped; the new column comes after the file&apos;s columns, and the
        merged ones stay (untick them to leave them out).
      </p>
      {problem && <p className="form-error">{problem}</p>}
      {examples.length > 0 && (
        <div className="step-preview" data-testid="merge-preview">
          <p>The file&apos;s first rows merged:</p>
          <ul className="step-preview__examples">
            {examples.map(({ rowNumber, parts, merged }) => (
              <li key={rowNumber}>
                row {rowNumber}: {parts.map((part) => `“${part}”`).join(' + ')} → <q>{merged}</q>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step && <MergeCount into={step.into} waiting={!datasetId} {...counted} />}
      <ApplyStepButton step={step} onApply={onApply} onClose={onClose}>
        Merge
      </ApplyStepButton>
    </Dialog>
  );
}

function ColumnField(props: {
  at: number;
  column: string;
  sources: string[];
  removable: boolean;
  onChange(column: string): void;
  onRemove(): void;
}) {
  const { at, column, sources, removable, onChange, onRemove } = props;
  return (
    <>
      <label htmlFor={`merge-column-${at}`}>Column {at + 1}</label>
      <span className="merge-column">
        <select id={`merge-column-${at}`} value={column} onChange={(event) => onChange(event.target.value)}>
          {sources.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
        {removable && (
          <button
            type="button"
            className="chip__remove"
            aria-label={`Remove column ${at + 1}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </span>
    </>
  );
}

/**
 * The first sample rows through the mapping with the merge added, as the grid will show them: the
 * same cleanedView (hand edits, every step, earlier splits and merges) validation and runs use.
 */
function mergedExamples(
  mapping: ImportMapping,
  step: MergeStep | null,
  sampleRows: readonly (readonly string[])[],
  firstRowNumber: number,
): { rowNumber: number; parts: string[]; merged: string }[] {
  if (!step) return [];
  const merged = addShapeStep(mapping, step);
  const view = cleanedView(merged);
  const names = merged.columns.map((column) => column.source);
  const last = names.length - 1;
  return sampleRows.slice(0, EXAMPLES).map((cells, at) => {
    // Numbered as the grid numbers them, so hand edits of these rows show too.
    const row = { rowNumber: at + firstRowNumber, cells: [...cells] };
    const cleaned = view(row).cleaned;
    return {
      rowNumber: row.rowNumber,
      parts: step.columns.map((column) => cleaned[names.indexOf(column)] ?? ''),
      merged: cleaned[last] ?? '',
    };
  });
}

/** "40 of the rows get a value in full_name": the merge counted over every staged row. */
function MergeCount({
  into,
  waiting,
  preview,
  counting,
  error,
}: StepPreviewState & { into: string; waiting: boolean }) {
  if (waiting) return <p className="muted">The count runs once every row is loaded.</p>;
  if (error) return <p className="form-error">{error}</p>;
  if (!preview) return <p className="muted">{counting ? 'Counting over every row…' : ' '}</p>;
  return (
    <p data-testid="merge-count" aria-busy={counting}>
      Over every row: {formatCount(preview.changedRows)} row{preview.changedRows === 1 ? ' gets' : 's get'} a
      value in {into}
      {preview.changedRows === 0 ? ' (every merged column is blank there)' : ''}.
    </p>
  );
}
