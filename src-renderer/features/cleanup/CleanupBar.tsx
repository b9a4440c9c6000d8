import { useState } from 'react';
import { suggestBooleanMapping } from '../../../src-shared/cleanup/boolean-words';
import { decimalCommaOffer } from '../../../src-shared/cleanup/fix-all';
import { DateOrderOffer } from './DateOrderOffer';
import { describeStep, type CellStep, type CleanupStep } from '../../../src-shared/model/cleanup';
import { SplitDialog } from './SplitDialog';
import { DedupeDialog } from './DedupeDialog';
import { COLUMN_STEPS, ColumnStepDialog, type ColumnStepKind } from './ColumnStepDialog';
import { MergeDialog } from './MergeDialog';
import { StepMenu } from './StepMenu';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { MapValuesDialog } from './MapValuesDialog';
import { ReplaceDialog } from './ReplaceDialog';

interface Props {
  mapping: ImportMapping;
  datasetId: string | null;
  summary: ValidationSummary | null;
  onAdd(step: CleanupStep): void;
  /** A split or merge: the step and the columns it adds. */
  onAddShape(step: CleanupStep): void;
  onSetValueMapping(column: string, step: CellStep | null): void;
  onRemove(index: number): void;
  /** The first rows of the file, as the preview read them (evidence for fix-all offers). */
  sampleRows: readonly (readonly string[])[];
  /** The row number of the first sample row (2 under a header). */
  firstRowNumber: number;
  /** Sets import-wide options (the decimal mark a fix-all offer suggests). */
  onOptions(change: Partial<ImportMapping['options']>): void;
}

/**
 * The import's cleanup steps, in the order they run over every row before the mapping reads it,
 * each removable (and undoable with the rest of the mapping); every step's dialog opens from here
 * (the less common ones from "More steps"), and columns of yes/no words are offered a mapping to
 * true/false.
 */
export function CleanupBar({
  mapping,
  datasetId,
  summary,
  onAdd,
  onAddShape,
  onSetValueMapping,
  onRemove,
  sampleRows,
  firstRowNumber,
  onOptions,
}: Props) {
  // Asked once per file: a dismissed offer stays dismissed while this draft is open.
  const [declined, setDeclined] = useState(false);
  const commas = declined ? null : decimalCommaOffer(mapping, sampleRows);
  const [open, setOpen] = useState<
    | { kind: 'map'; column: string }
    | { kind: 'replace' }
    | { kind: 'split' }
    | { kind: 'dedupe' }
    | { kind: 'merge' }
    | { kind: 'column'; step: ColumnStepKind }
    | null
  >(null);
  const steps = mapping.cleanup ?? [];
  const offers = summary ? booleanOffers(mapping, summary) : [];
  return (
    <div className="cleanup-bar" role="group" aria-label="Cleanup steps" data-testid="cleanup-bar">
      <strong>Cleanup</strong>
      {steps.length === 0 && <span className="muted">No steps yet.</span>}
      <ol className="cleanup-bar__steps">
        {steps.map((step, index) => (
          <li key={index} className="chip" data-testid="cleanup-step">
            {describeStep(step)}
            <button
              type="button"
              className="chip__remove"
              aria-label={`Remove step ${index + 1}: ${describeStep(step)}`}
              onClick={() => onRemove(index)}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      {commas && (
        <span className="cleanup-bar__offer-group" data-testid="decimal-comma-offer">
          <button
            type="button"
            className="cleanup-bar__offer"
            onClick={() => onOptions({ decimalSeparator: ',' })}
            title="Every value of these number columns reads as a number with a decimal comma"
          >
            {commas.columns.join(', ')} {commas.columns.length === 1 ? 'uses' : 'use'} a decimal comma (
            {commas.example}): read numbers with a decimal comma
          </button>
          <button
            type="button"
            className="link"
            aria-label="Not a decimal comma"
            onClick={() => setDeclined(true)}
          >
            no
          </button>
        </span>
      )}
      <DateOrderOffer mapping={mapping} sampleRows={sampleRows} onOptions={onOptions} />
      {offers.map((offer) => (
        <button
          key={offer.column}
          type="button"
          className="cleanup-bar__offer"
          data-testid="boolean-offer"
          onClick={() => setOpen({ kind: 'map', column: offer.column })}
        >
          {offer.column} looks like {offer.reason}: map to true/false…
        </button>
      ))}
      <span className="cleanup-bar__actions">
        <button
          type="button"
          onClick={() =>
            setOpen({ kind: 'map', column: offers[0]?.column ?? mapping.columns[0]?.source ?? '' })
          }
        >
          Map values…
        </button>
        <button type="button" onClick={() => setOpen({ kind: 'replace' })}>
          Find and replace…
        </button>
        <button type="button" onClick={() => setOpen({ kind: 'split' })}>
          Split a column…
        </button>
        <button type="button" onClick={() => setOpen({ kind: 'dedupe' })}>
          Remove duplicates…
        </button>
        <StepMenu
          label="More steps"
          items={[
            { label: 'Merge columns…', onSelect: () => setOpen({ kind: 'merge' }) },
            ...(Object.keys(COLUMN_STEPS) as ColumnStepKind[]).map((step) => ({
              label: `${COLUMN_STEPS[step].title}…`,
              onSelect: () => setOpen({ kind: 'column', step }),
            })),
          ]}
        />
      </span>
      {open?.kind === 'map' && (
        <MapValuesDialog
          mapping={mapping}
          datasetId={datasetId}
          summary={summary}
          column={open.column}
          onApply={onSetValueMapping}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'dedupe' && (
        <DedupeDialog mapping={mapping} onApply={onAdd} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'split' && (
        <SplitDialog mapping={mapping} summary={summary} onApply={onAddShape} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'merge' && (
        <MergeDialog
          mapping={mapping}
          datasetId={datasetId}
          sampleRows={sampleRows}
          firstRowNumber={firstRowNumber}
          onApply={onAddShape}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'column' && (
        <ColumnStepDialog
          mapping={mapping}
          datasetId={datasetId}
          kind={open.step}
          onApply={onAdd}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'replace' && (
        <ReplaceDialog
          mapping={mapping}
          datasetId={datasetId}
          onApply={onAdd}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

/** Columns whose every value is one language's yes/no, not yet mapped: offered, never mapped silently. */
function booleanOffers(
  mapping: ImportMapping,
  summary: ValidationSummary,
): { column: string; reason: string }[] {
  const mapped = new Set(
    (mapping.cleanup ?? []).flatMap((step) => (step.kind === 'map-values' ? [step.column] : [])),
  );
  return mapping.columns.flatMap((column, index) => {
    const profile = summary.columns[index]?.profile;
    if (!profile || mapped.has(column.source) || (!column.include && !column.role)) return [];
    const complete = !profile.distinctCapped && profile.distinct <= profile.top.length;
    const suggestion = suggestBooleanMapping(profile.top, complete);
    return suggestion ? [{ column: column.source, reason: suggestion.reason }] : [];
  });
}
