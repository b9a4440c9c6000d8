import { IntakeError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import type { Encoding } from '../../../src-shared/model/dialect';
import type { Preview } from '../../../src-shared/model/preview';
import { detectXmlLayout } from '../read/xml/detect-records';
import { createXmlRecordReader } from '../read/xml/read-records';
import { profileColumns } from './column-profiles';
import { HeadTooShort } from './preview-csv';

type XmlPreview = Omit<Preview, 'headBytes' | 'truncated' | 'confidence' | 'reasons'>;

/** Finds the record element in decoded XML and returns the flattened first records and column types. */
export function previewXml(
  text: string,
  isComplete: boolean,
  encoding: Encoding,
  rowLimit: number,
): XmlPreview {
  let layout: ReturnType<typeof detectXmlLayout>;
  try {
    layout = detectXmlLayout(text);
  } catch (error) {
    // A cut head that ends before the first record is whole (a DOCTYPE of thousands of
    // declarations, a start tag of thousands of attributes): read a longer head before judging.
    if (!isComplete && error instanceof IntakeError && error.code === 'VALIDATION')
      throw new HeadTooShort(error.message);
    throw error;
  }
  const records: Map<string, string>[] = [];
  const reader = createXmlRecordReader(layout, (record) => {
    if (records.length < 1000) records.push(record);
  });
  reader.write(text);
  if (isComplete) reader.end();
  const names = new Set(layout.columns);
  for (const record of records) for (const key of record.keys()) names.add(key);
  // Each record is within the limit (the reader refuses one that is not), but records can differ.
  if (names.size > LIMITS.sourceColumns) {
    throw new IntakeError(
      'LIMIT',
      `The XML records have ${names.size} different columns between them (in the first ${records.length} ` +
        `records), over the ${LIMITS.sourceColumns.toLocaleString('en')} Intake can preview and map`,
      { columns: names.size, limit: LIMITS.sourceColumns, records: records.length },
    );
  }
  const header = [...names];
  const rows = records.map((record) => header.map((name) => record.get(name) ?? ''));
  const { columns, issues } = profileColumns(header, rows);
  return {
    format: 'xml',
    dialect: { encoding, delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: false },
    columns,
    xmlRecordPath: layout.recordPath,
    issues,
    header,
    rows: rows.slice(0, rowLimit),
  };
}
