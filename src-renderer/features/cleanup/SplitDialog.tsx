import { useState } from 'react';
import { regexProblem } from '../../../src-shared/cleanup/cell-steps';
import { splitter } from '../../../src-shared/cleanup/row-shape';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ValidationSummary } from '../../../src-shared/model/validation';
import { ApplyStepButton } from './ApplyStepButton';
import { Dialog } from '../../components/Dialog';

interface Props {
  mapping: ImportMapping;
  summary: ValidationSummary | null;
  onApply(step: CleanupStep): void;
  onClose(): void;
}

/**
 * Splits a column at a separator into new columns (the last takes the rest), shown on the column's
 * most common values before it is applied; the column itself stays (uncheck it to leave it out).
 */
export function SplitDialog({ mapping, summary, onApply, onClose }: Props) {
  const [column, setColumn] = useState(mapping.columns[0]?.source ?? '');
  const [separator, setSeparator] = useState(' ');
  const [regex, setRegex] = useState(false);
  const [names, setNames] = useState<string[]>(() => [`${column}_1`, `${column}_2`]);
  const taken = new Set(mapping.columns.map((other) => other.source));
  const problem =
    separator === ''
      ? 'Say what to split at.'
      : regex && regexProblem(separator) !== null
        ? 'The separator is not a regular expression JavaScript reads.'
        : names.some((name) => name.trim() === '')
          ? 'Give every new column a name.'
          : names.find((name) => taken.has(name.trim()))
            ? `"${names.find((name) => taken.has(name.trim()))}" is already a column.`
            : new Set(names.map((name) => name.trim())).size !== names.length
              ? 'The new columns need different names.'
              : null;
  const step: CleanupStep | null =
    problem === null
      ? { kind: 'split', column, separator, regex, into: names.map((name) => name.trim()) }
      : null;
  const index = mapping.columns.findIndex((candidate) => candidate.source === column);
  const examples = (summary?.columns[index]?.profile.top ?? []).slice(0, 5).map((entry) => entry.value);
  const cut = step?.kind === 'split' ? splitter(step) : null;
  return (
    <Dialog title="Split a column" open onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="split-column">Column</label>
        <select
          id="split-column"
          value={column}
          onChange={(event) => {
            setColumn(event.target.value);
            setNames(names.map((_, at) => `${event.target.value}_${at + 1}`));
          }}
        >
          {mapping.columns.map((candidate) => (
            <option key={candidate.source} value={candidate.source}>
              {candidate.source}
            </option>
          ))}
        </select>
        <label htmlFor="split-separator">At</label>
        <input
          id="split-separator"
          value={separator}
          onChange={(event) => setSeparator(event.target.value)}
        />
        {names.map((name, at) => (
          <NameField
            key={at}
            at={at}
            name={name}
            onChange={(next) => setNames(names.map((other, where) => (where === at ? next : other)))}
          />
        ))}
      </div>
      <p className="muted">
        A separator of spaces splits at any run of spaces; the last column takes the rest.
      </p>
      <label className="dialect-bar__check">
        <input type="checkbox" checked={regex} onChange={(event) => setRegex(event.target.checked)} />
        Regular expression
      </label>
      {names.length < 10 && (
        <button
          type="button"
          className="link"
          onClick={() => setNames([...names, `${column}_${names.length + 1}`])}
        >
          One more column
        </button>
      )}
      {problem && <p className="form-error">{problem}</p>}
      {cut && examples.length > 0 && (
        <ul className="step-preview__examples" data-testid="split-preview">
          {examples.map((value) => (
            <li key={value}>
              <q>{value}</q> →{' '}
              {cut(value)
                .map((part, at) => `${names[at]}: “${part}”`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
      <ApplyStepButton step={step} onApply={onApply} onClose={onClose}>
        Split
      </ApplyStepButton>
    </Dialog>
  );
}

function NameField({ at, name, onChange }: { at: number; name: string; onChange(name: string): void }) {
  return (
    <>
      <label htmlFor={`split-into-${at}`}>New column {at + 1}</label>
      <input id={`split-into-${at}`} value={name} onChange={(event) => onChange(event.target.value)} />
    </>
  );
}
