import { DELIMITER_NAMES, NEWLINE_NAMES } from '../../src-shared/model/dialect';
import type { Preview } from '../../src-shared/model/preview';

/** The machine-readable sniff: what `intake sniff --json` prints. */
export function sniffJson(preview: Preview) {
  return {
    format: preview.format,
    encoding: preview.dialect.encoding,
    delimiter: preview.format === 'csv' ? preview.dialect.delimiter : null,
    quote: preview.dialect.quote,
    newline: preview.dialect.newline,
    hasHeader: preview.dialect.hasHeader,
    ...(preview.xmlRecordPath ? { recordPath: preview.xmlRecordPath.join('/') } : {}),
    ...(preview.sheets ? { sheet: preview.dialect.sheet, sheets: preview.sheets } : {}),
    columns: preview.columns.map((column) => ({ name: column.name, type: column.type })),
    warnings: preview.issues.map((issue) => ({ code: issue.code, message: issue.message })),
  };
}

/** The sniff plus the header and rows: what `intake preview --json` prints. */
export function previewJson(preview: Preview) {
  return { ...sniffJson(preview), header: preview.header, rows: preview.rows };
}

/** A short human summary of the sniff. */
export function sniffText(name: string, preview: Preview): string {
  const d = preview.dialect;
  const lines = [
    preview.format === 'xlsx'
      ? `${name}: Excel workbook, sheet "${d.sheet}" of ${preview.sheets?.map((s) => `"${s.name}"${s.hidden ? ' (hidden)' : ''}`).join(', ')}, ${d.hasHeader ? 'header row' : 'no header row'}`
      : `${name}: ${preview.format.toUpperCase()}, ${d.encoding}` +
        (preview.format === 'csv'
          ? `, ${DELIMITER_NAMES[d.delimiter]}-delimited, ${NEWLINE_NAMES[d.newline]}, ${d.hasHeader ? 'header row' : 'no header row'}`
          : `, records at ${preview.xmlRecordPath?.join('/')}`),
    `${preview.columns.length} columns: ${preview.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`,
    ...preview.issues.map((issue) => `${issue.severity}: ${issue.message}`),
  ];
  return lines.join('\n') + '\n';
}

/** The first rows as an aligned text table, cells cut to keep lines readable. */
export function rowsText(preview: Preview): string {
  const clip = (cell: string) =>
    (cell.length > 24 ? `${cell.slice(0, 23)}…` : cell).replace(/[\r\n\t]/g, ' ');
  const table = [preview.header, ...preview.rows].map((row) => row.map(clip));
  const widths = preview.header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  return (
    table
      .map((row) =>
        widths
          .map((w, i) => (row[i] ?? '').padEnd(w))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
