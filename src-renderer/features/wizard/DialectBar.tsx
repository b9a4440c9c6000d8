import { DELIMITER_NAMES, DELIMITERS, ENCODINGS, NEWLINE_NAMES } from '../../../src-shared/model/dialect';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { DetectedSelect } from './DetectedSelect';
import { TableStartControls } from './TableStartControls';

interface Props {
  preview: Preview;
  overrides: DialectOverrides;
  disabled: boolean;
  onChange(change: DialectOverrides): void;
}

/** Encoding, delimiter and header row as detected (a workbook: its sheet); any change re-previews at once. */
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
          {preview.format === 'xlsx' ? (
            // A workbook is not text: it reads only as a workbook.
            <option value="xlsx">Excel workbook</option>
          ) : (
            <>
              <option value="csv">CSV / TSV</option>
              <option value="xml">XML</option>
            </>
          )}
        </select>
      </label>
      {preview.format === 'xlsx' ? (
        <>
          <label>
            Sheet
            <select
              value={dialect.sheet}
              disabled={disabled}
              // A new sheet has its own table start: detect it again.
              onChange={(e) =>
                onChange({
                  sheet: e.target.value,
                  skipLines: undefined,
                  headerRows: undefined,
                  hasHeader: undefined,
                })
              }
            >
              {(preview.sheets ?? []).map((sheet) => (
                <option key={sheet.name} value={sheet.name}>
                  {sheet.name}
                  {sheet.hidden ? ' (hidden)' : ''}
                </option>
              ))}
            </select>
          </label>
          <TableStartControls
            preview={preview}
            overrides={overrides}
            disabled={disabled}
            onChange={onChange}
            unit="rows"
          />
        </>
      ) : (
        <DetectedSelect
          label="Encoding"
          value={dialect.encoding}
          options={ENCODINGS}
          detectedValue={
            preview.detected?.encoding ?? (overrides.encoding === undefined ? dialect.encoding : null)
          }
          confidence={preview.confidence.encoding}
          disabled={disabled}
          onChange={(encoding) => onChange({ encoding })}
        />
      )}
      {preview.format === 'csv' && (
        <>
          <DetectedSelect
            label="Delimiter"
            value={dialect.delimiter}
            options={DELIMITERS}
            optionLabel={(delimiter) => DELIMITER_NAMES[delimiter]}
            detectedValue={
              preview.detected?.delimiter ?? (overrides.delimiter === undefined ? dialect.delimiter : null)
            }
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
          <TableStartControls
            preview={preview}
            overrides={overrides}
            disabled={disabled}
            onChange={onChange}
            unit="lines"
          />
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
      {preview.format === 'xml' && preview.xmlRecordPath && (
        <span className="muted">Records: {preview.xmlRecordPath?.join(' › ')}</span>
      )}
    </div>
  );
}
