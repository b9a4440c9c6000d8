import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';

interface Props {
  preview: Preview;
  overrides: DialectOverrides;
  disabled: boolean;
  onChange(change: DialectOverrides): void;
  /** What a skipped unit is called: lines of text, or rows of a sheet. */
  unit: 'lines' | 'rows';
}

/** Where the table starts: lines or rows skipped above it, whether a header is there, and how many rows it spans. */
export function TableStartControls({ preview, overrides, disabled, onChange, unit }: Props) {
  const { dialect } = preview;
  return (
    <>
      <label
        title={
          unit === 'lines'
            ? "Lines before the header that are not part of the table: titles, notes, Excel's sep= line"
            : 'Sheet rows above the header that are not part of the table: titles, notes, blank rows'
        }
      >
        Skip {unit}
        <input
          type="number"
          min={0}
          max={10000}
          className="dialect-bar__number"
          value={overrides.skipLines ?? dialect.skipLines ?? 0}
          disabled={disabled}
          onChange={(e) => {
            const lines = Number(e.target.value);
            if (Number.isInteger(lines) && lines >= 0) onChange({ skipLines: lines });
          }}
        />
      </label>
      <label className="dialect-bar__check">
        <input
          type="checkbox"
          checked={dialect.hasHeader}
          disabled={disabled}
          onChange={(e) => onChange({ hasHeader: e.target.checked })}
        />
        {dialect.skipLines ? 'The next row is the header' : 'Row 1 is the header'}
      </label>
      {dialect.hasHeader && (
        <label title="A header over several rows (a group row above the names, units below) joined into one name per column">
          Header rows
          <select
            value={overrides.headerRows ?? dialect.headerRows ?? 1}
            disabled={disabled}
            onChange={(e) => onChange({ headerRows: Number(e.target.value) })}
          >
            <option value={1}>1</option>
            <option value={2}>2, joined</option>
            <option value={3}>3, joined</option>
          </select>
        </label>
      )}
    </>
  );
}
