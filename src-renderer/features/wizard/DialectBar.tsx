import {
  DELIMITER_NAMES,
  DELIMITERS,
  ENCODINGS,
  type Delimiter,
  type Encoding,
} from '../../../src-shared/model/dialect';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';

interface Props {
  preview: Preview;
  overrides: DialectOverrides;
  disabled: boolean;
  onChange(change: DialectOverrides): void;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

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
      <label title={`Detected with ${percent(preview.confidence.encoding)} confidence`}>
        Encoding
        <select
          aria-label="Encoding"
          value={dialect.encoding}
          disabled={disabled}
          onChange={(e) => onChange({ encoding: e.target.value as Encoding })}
        >
          {ENCODINGS.map((encoding) => (
            <option key={encoding} value={encoding}>
              {encoding}
              {overrides.encoding === undefined && encoding === dialect.encoding ? ' (detected)' : ''}
            </option>
          ))}
        </select>
      </label>
      {preview.format === 'csv' && (
        <>
          <label title={`Detected with ${percent(preview.confidence.delimiter)} confidence`}>
            Delimiter
            <select
              aria-label="Delimiter"
              value={dialect.delimiter}
              disabled={disabled}
              onChange={(e) => onChange({ delimiter: e.target.value as Delimiter })}
            >
              {DELIMITERS.map((delimiter) => (
                <option key={delimiter} value={delimiter}>
                  {DELIMITER_NAMES[delimiter]}
                  {overrides.delimiter === undefined && delimiter === dialect.delimiter ? ' (detected)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="dialect-bar__check">
            <input
              type="checkbox"
              checked={dialect.hasHeader}
              disabled={disabled}
              onChange={(e) => onChange({ hasHeader: e.target.checked })}
            />
            Row 1 is the header
          </label>
          <span className="muted">{dialect.newline === '\r\n' ? 'CRLF' : 'LF'} line ends</span>
        </>
      )}
      {preview.format === 'xml' && (
        <span className="muted">Records: {preview.xmlRecordPath?.join(' › ')}</span>
      )}
    </div>
  );
}
