import type { StepPreview } from '../../../src-shared/model/cleanup';
import { formatCount } from '../../components/format';

interface Props {
  preview: StepPreview | null;
  counting: boolean;
  error: string | null;
  /** True before the dataset is staged: the count waits for it. */
  waiting: boolean;
}

/** "12 cells in 12 rows will change", with the first few before → after, counted over every row. */
export function StepPreviewView({ preview, counting, error, waiting }: Props) {
  if (waiting) return <p className="muted">The count of changes runs once every row is loaded.</p>;
  if (error) return <p className="form-error">{error}</p>;
  if (!preview) return <p className="muted">{counting ? 'Counting over every row…' : ' '}</p>;
  return (
    <div className="step-preview" data-testid="step-preview" aria-busy={counting}>
      <p>
        {preview.changedCells === 0
          ? 'No cell would change.'
          : `${formatCount(preview.changedCells)} cell${preview.changedCells === 1 ? '' : 's'} in ${formatCount(preview.changedRows)} row${preview.changedRows === 1 ? '' : 's'} will change.`}
      </p>
      {preview.examples.length > 0 && (
        <ul className="step-preview__examples">
          {preview.examples.slice(0, 5).map((example) => (
            <li key={`${example.rowNumber}:${example.column}`}>
              row {example.rowNumber}, {example.column}: <Value text={example.before} /> →{' '}
              <Value text={example.after} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A cell's text quoted, or "(blank)" for none: an empty pair of quotes is easy to misread. */
function Value({ text }: { text: string }) {
  return text === '' ? <span className="muted">(blank)</span> : <q>{text}</q>;
}
