import { DELIMITER_NAMES, DELIMITERS, ENCODINGS, NEWLINE_NAMES } from '../../../src-shared/model/dialect';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { DetectedSelect } from './DetectedSelect';

interface Props {
  preview: Preview;
  overrides: DialectOverrides;
  disabled: boolean;
  onChange(change: DialectOverrides): void;
}

/** Encoding, delimiter and header row as detected; any change re-previews at once. */
export function DialectBar({ preview, overrides, disabled, onChange }: Props) {
  const { dialect } = preview;
  return (
    <div className="dialect-bar" role="group" aria-label="Dialect">
      <label>
        Format
        <select
          value={preview.format}
          disabled={disabled}
          onChange={(e) => onChange({ format: e.target.value as 'csv' | 'xml' })}
        >
          <option value="csv">CSV / TSV</option>
          <option value="xml">XML</option>
        </select>
      </label>
      <DetectedSelect
        label="Encoding"
        value={dialect.encoding}
        options={ENCODINGS}
        detected={overrides.encoding === undefined}
        confidence={preview.confidence.encoding}
        disabled={disabled}
        onChange={(encoding) => onChange({ encoding })}
      />
      {preview.format === 'csv' && (
        <>
          <DetectedSelect
            label="Delimiter"
            value={dialect.delimiter}
            options={DELIMITERS}
            optionLabel={(delimiter) => DELIMITER_NAMES[delimiter]}
            detected={overrides.delimiter === undefined}
            confidence={preview.confidence.delimiter}
            disabled={disabled}
            onChange={(delimiter) => onChange({ delimiter })}
          />
          <label>
            Quote
            <select
              value={dialect.quote}
              disabled={disabled}
              onChange={(e) => onChange({ quote: e.target.value as '"' | "'" })}
            >
              <option value={'"'}>" double</option>
              <option value={"'"}>' single</option>
            </select>
          </label>
          <label title="Lines before the header that are not part of the table: titles, notes, Excel's sep= line">
            Skip lines
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
          <label
            className="dialect-bar__check"
            title="On: a quote that never closes properly is read as text, and the preview names the rows. Off: quotes are read strictly (RFC 4180) and such a file is refused."
          >
            <input
              type="checkbox"
              // The choice, not the last preview's: a strict reading that fails keeps the old preview.
              checked={(overrides.lenientQuotes ?? dialect.lenientQuotes) !== false}
              disabled={disabled}
              onChange={(e) => onChange({ lenientQuotes: e.target.checked })}
            />
            Read stray quotes as text
          </label>
          <span className="muted">{NEWLINE_NAMES[dialect.newline]} line ends</span>
        </>
      )}
      {preview.format === 'xml' && (
        <span className="muted">Records: {preview.xmlRecordPath?.join(' › ')}</span>
      )}
    </div>
  );
}
