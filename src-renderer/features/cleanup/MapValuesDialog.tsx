import { useMemo, useState } from 'react';
import { suggestBooleanMapping } from '../../../src-shared/cleanup/boolean-words';
import { beforeValueMapping } from '../../../src-shared/mapping/mapping-edits';
import type { CellStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { Dialog } from '../../components/Dialog';
import { StepPreviewView } from './StepPreviewView';
import { useStepPreview } from './use-step-preview';
import { formatCount } from '../../components/format';

interface Props {
  mapping: ImportMapping;
  datasetId: string | null;
  summary: ValidationSummary | null;
  /** The column to open at. */
  column: string;
  onApply(column: string, step: CellStep | null): void;
  onClose(): void;
}

/** A row of the table: what a value becomes ('' = blank), or null to leave it as it is. */
type Targets = Record<string, string | null>;

/**
 * Value mapping for one column: its most common values with their counts (from the validation's
 * profile of every row), each with what it becomes; yes/no words can be filled in as true/false.
 * Applying replaces the column's earlier value mapping, if any.
 */
export function MapValuesDialog({ mapping, datasetId, summary, column: initial, onApply, onClose }: Props) {
  const [column, setColumn] = useState(initial);
  const existing = mapValuesStepOf(mapping, column);
  const [targets, setTargets] = useState<Targets>(() => targetsOf(existing));
  const [caseSensitive, setCaseSensitive] = useState(existing?.caseSensitive ?? false);
  const index = mapping.columns.findIndex((candidate) => candidate.source === column);
  const profile = summary?.columns[index]?.profile ?? null;
  const values = profile?.top ?? [];
  const complete = profile !== null && !profile.distinctCapped && profile.distinct <= values.length;
  const suggestion = suggestBooleanMapping(values, complete);
  const pairs = Object.entries(targets).filter((entry): entry is [string, string] => entry[1] !== null);
  const step: CellStep | null =
    pairs.length > 0 ? { kind: 'map-values', column, pairs, caseSensitive } : null;
  // The preview counts this mapping in place of the column's earlier one, where that one stands.
  const before = useMemo(() => beforeValueMapping(mapping, column), [mapping, column]);
  const { preview, counting, error } = useStepPreview(datasetId, before, step);
  const listed = [
    ...values.map((entry) => entry.value),
    ...Object.keys(targets).filter((value) => !values.some((entry) => entry.value === value)),
  ];
  return (
    <Dialog title="Map values" open onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="map-column">Column</label>
        <select
          id="map-column"
          value={column}
          onChange={(event) => {
            setColumn(event.target.value);
            const next = mapValuesStepOf(mapping, event.target.value);
            setTargets(targetsOf(next));
            setCaseSensitive(next?.caseSensitive ?? false);
          }}
        >
          {mapping.columns.map((candidate) => (
            <option key={candidate.source} value={candidate.source}>
              {candidate.source}
            </option>
          ))}
        </select>
      </div>
      {!profile && (
        <p className="muted">The column&apos;s values are listed once every row is loaded and checked.</p>
      )}
      {suggestion && (
        <p className="banner" role="status">
          These look like {suggestion.reason}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => setTargets({ ...targets, ...Object.fromEntries(suggestion.pairs) })}
          >
            Fill in true and false
          </button>
        </p>
      )}
      <table className="map-values" aria-label={`Values of ${column}`}>
        <thead>
          <tr>
            <th>Value</th>
            <th>Rows</th>
            <th>Becomes</th>
            <th>Blank</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((value) => {
            const count = values.find((entry) => entry.value === value)?.count;
            const target = targets[value] ?? null;
            return (
              <tr key={value}>
                <td>{value === '' ? <span className="muted">(blank)</span> : value}</td>
                <td className="muted">{count === undefined ? '—' : formatCount(count)}</td>
                <td>
                  <input
                    aria-label={`${value === '' ? 'blank' : value} becomes`}
                    value={target ?? ''}
                    placeholder={target === '' ? '(blank)' : '(unchanged)'}
                    disabled={target === ''}
                    onChange={(event) =>
                      setTargets({
                        ...targets,
                        [value]: event.target.value === '' ? null : event.target.value,
                      })
                    }
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${value === '' ? 'blank' : value} becomes blank`}
                    checked={target === ''}
                    onChange={(event) =>
                      setTargets({ ...targets, [value]: event.target.checked ? '' : null })
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {profile && !complete && (
        <p className="muted">
          The {values.length} most common of {formatCount(profile.distinct)}
          {profile.distinctCapped ? '+' : ''} distinct values are listed.
        </p>
      )}
      <label className="dialect-bar__check">
        <input
          type="checkbox"
          checked={caseSensitive}
          onChange={(event) => setCaseSensitive(event.target.checked)}
        />
        Match case (otherwise ANO and ano map alike)
      </label>
      {step && <StepPreviewView preview={preview} counting={counting} error={error} waiting={!datasetId} />}
      <button
        type="button"
        disabled={!step && !existing}
        onClick={() => {
          onApply(column, step);
          onClose();
        }}
      >
        {step ? 'Map values' : 'Remove the mapping'}
      </button>
    </Dialog>
  );
}

type MapValuesStep = Extract<CellStep, { kind: 'map-values' }>;

function mapValuesStepOf(mapping: ImportMapping, column: string): MapValuesStep | undefined {
  return (mapping.cleanup ?? []).find(
    (step): step is MapValuesStep => step.kind === 'map-values' && step.column === column,
  );
}

function targetsOf(step: MapValuesStep | undefined): Targets {
  return Object.fromEntries(step?.pairs ?? []);
}
