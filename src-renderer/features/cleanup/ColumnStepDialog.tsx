import { useState } from 'react';
import type { CellStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { ApplyStepButton } from './ApplyStepButton';
import { Dialog } from '../../components/Dialog';
import { StepPreviewView } from './StepPreviewView';
import { useStepPreview } from './use-step-preview';

/** The one-column steps this dialog builds. */
export type ColumnStepKind = Extract<
  CellStep['kind'],
  'default' | 'case' | 'collapse-spaces' | 'remove-characters' | 'fill-down'
>;

/** Each kind's name (the dialog's title and the menu's item), its button and what it does. */
export const COLUMN_STEPS: Record<ColumnStepKind, { title: string; apply: string; about: string }> = {
  'fill-down': {
    title: 'Fill down blanks',
    apply: 'Fill down',
    about:
      'A blank cell takes the value of the nearest filled cell above it, in the file’s order: a report that writes a value once for the rows under it.',
  },
  default: {
    title: 'Default for blanks',
    apply: 'Fill the blanks',
    about: 'Blank cells (or cells of only spaces) take this value.',
  },
  case: {
    title: 'Change case',
    apply: 'Change case',
    about: 'Every value of the column in upper case, lower case or title case (each word capitalised).',
  },
  'collapse-spaces': {
    title: 'Collapse spaces',
    apply: 'Collapse spaces',
    about: 'Runs of spaces, tabs and non-breaking spaces become one space; spaces at either end go.',
  },
  'remove-characters': {
    title: 'Remove characters',
    apply: 'Remove them',
    about: 'Each of these characters is removed wherever it appears, e.g. “+ ()-” from phone numbers.',
  },
};

type CaseTarget = Extract<CellStep, { kind: 'case' }>['to'];

interface Props {
  mapping: ImportMapping;
  datasetId: string | null;
  /** The step to open at; the dialog can switch to another. */
  kind: ColumnStepKind;
  onApply(step: CellStep): void;
  onClose(): void;
}

/**
 * The simple steps that change one column's cells — default for blanks, change case, collapse
 * spaces, remove characters, fill down — in one dialog, each counted over every row with examples
 * before it is applied.
 */
export function ColumnStepDialog({ mapping, datasetId, kind: initial, onApply, onClose }: Props) {
  const [kind, setKind] = useState<ColumnStepKind>(initial);
  const [column, setColumn] = useState(mapping.columns[0]?.source ?? '');
  const [value, setValue] = useState('');
  const [to, setTo] = useState<CaseTarget>('title');
  const [characters, setCharacters] = useState('');
  const step = stepOf(kind, column, { value, to, characters });
  const { preview, counting, error } = useStepPreview(datasetId, mapping, step);
  const about = COLUMN_STEPS[kind];
  return (
    <Dialog title={about.title} open onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="column-step-kind">Step</label>
        <select
          id="column-step-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as ColumnStepKind)}
        >
          {Object.entries(COLUMN_STEPS).map(([option, { title }]) => (
            <option key={option} value={option}>
              {title}
            </option>
          ))}
        </select>
        <label htmlFor="column-step-column">Column</label>
        <select id="column-step-column" value={column} onChange={(event) => setColumn(event.target.value)}>
          {mapping.columns.map((candidate) => (
            <option key={candidate.source} value={candidate.source}>
              {candidate.source}
            </option>
          ))}
        </select>
        {kind === 'default' && (
          <>
            <label htmlFor="column-step-value">Blanks become</label>
            <input id="column-step-value" value={value} onChange={(event) => setValue(event.target.value)} />
          </>
        )}
        {kind === 'case' && (
          <>
            <label htmlFor="column-step-case">To</label>
            <select
              id="column-step-case"
              value={to}
              onChange={(event) => setTo(event.target.value as CaseTarget)}
            >
              <option value="upper">UPPER CASE</option>
              <option value="lower">lower case</option>
              <option value="title">Title Case</option>
            </select>
          </>
        )}
        {kind === 'remove-characters' && (
          <>
            <label htmlFor="column-step-characters">Characters</label>
            <input
              id="column-step-characters"
              value={characters}
              maxLength={100}
              placeholder="e.g. + ()-"
              onChange={(event) => setCharacters(event.target.value)}
            />
          </>
        )}
      </div>
      <p className="muted">{about.about}</p>
      {step && <StepPreviewView preview={preview} counting={counting} error={error} waiting={!datasetId} />}
      <ApplyStepButton
        step={step}
        disabled={preview !== null && preview.changedCells === 0}
        onApply={onApply}
        onClose={onClose}
      >
        {about.apply}
      </ApplyStepButton>
    </Dialog>
  );
}

/** The step the fields describe, or null while one is missing (nothing to count yet). */
function stepOf(
  kind: ColumnStepKind,
  column: string,
  fields: { value: string; to: CaseTarget; characters: string },
): CellStep | null {
  if (column === '') return null;
  switch (kind) {
    case 'default':
      return fields.value === '' ? null : { kind, column, value: fields.value };
    case 'case':
      return { kind, column, to: fields.to };
    case 'remove-characters':
      return fields.characters === '' ? null : { kind, column, characters: fields.characters };
    case 'collapse-spaces':
    case 'fill-down':
      return { kind, column };
  }
}
