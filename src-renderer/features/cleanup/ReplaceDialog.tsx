import { useState } from 'react';
import { regexProblem } from '../../../src-shared/cleanup/cell-steps';
import type { CellStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { ApplyStepButton } from './ApplyStepButton';
import { Dialog } from '../../components/Dialog';
import { StepPreviewView } from './StepPreviewView';
import { useStepPreview } from './use-step-preview';

interface Props {
  mapping: ImportMapping;
  datasetId: string | null;
  onApply(step: CellStep): void;
  onClose(): void;
}

/** Find and replace in one column or all: plain text or a regular expression, counted over every row first. */
export function ReplaceDialog({ mapping, datasetId, onApply, onClose }: Props) {
  const [column, setColumn] = useState<string>('');
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const problem = find === '' ? 'Say what to find.' : regex ? notARegex(find) : null;
  const step: CellStep | null =
    problem === null
      ? { kind: 'replace', column: column || null, find, replace, regex, caseSensitive }
      : null;
  const { preview, counting, error } = useStepPreview(datasetId, mapping, step);
  return (
    <Dialog title="Find and replace" open onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="replace-column">In</label>
        <select id="replace-column" value={column} onChange={(event) => setColumn(event.target.value)}>
          <option value="">every column</option>
          {mapping.columns.map((candidate) => (
            <option key={candidate.source} value={candidate.source}>
              {candidate.source}
            </option>
          ))}
        </select>
        <label htmlFor="replace-find">Find</label>
        <input id="replace-find" value={find} onChange={(event) => setFind(event.target.value)} />
        <label htmlFor="replace-with">Replace with</label>
        <input
          id="replace-with"
          value={replace}
          placeholder={regex ? 'text, $1 for a group' : 'text (empty removes it)'}
          onChange={(event) => setReplace(event.target.value)}
        />
      </div>
      <label className="dialect-bar__check">
        <input type="checkbox" checked={regex} onChange={(event) => setRegex(event.target.checked)} />
        Regular expression
      </label>
      <label className="dialect-bar__check">
        <input
          type="checkbox"
          checked={caseSensitive}
          onChange={(event) => setCaseSensitive(event.target.checked)}
        />
        Match case
      </label>
      {problem && find !== '' && <p className="form-error">{problem}</p>}
      {step && <StepPreviewView preview={preview} counting={counting} error={error} waiting={!datasetId} />}
      <ApplyStepButton
        step={step}
        disabled={preview !== null && preview.changedCells === 0}
        onApply={onApply}
        onClose={onClose}
      >
        Replace
      </ApplyStepButton>
    </Dialog>
  );
}

function notARegex(find: string): string | null {
  const problem = regexProblem(find);
  return problem === null ? null : `Not a regular expression: ${problem}`;
}
