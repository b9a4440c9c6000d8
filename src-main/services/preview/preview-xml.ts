import type { Encoding } from '../../../src-shared/model/dialect';
import type { Preview } from '../../../src-shared/model/preview';
import { detectXmlLayout } from '../read/xml/detect-records';
import { createXmlRecordReader } from '../read/xml/read-records';
import { profileColumns } from './column-profiles';

type XmlPreview = Omit<Preview, 'headBytes' | 'truncated' | 'confidence' | 'reasons'>;

/** Finds the record element in decoded XML and returns the flattened first records and column types. */
export function previewXml(
  text: string,
  isComplete: boolean,
  encoding: Encoding,
  rowLimit: number,
): XmlPreview {
  const layout = detectXmlLayout(text);
  const records: Map<string, string>[] = [];
  const reader = createXmlRecordReader(layout, (record) => {
    if (records.length < 1000) records.push(record);
  });
  reader.write(text);
  if (isComplete) reader.end();
  const names = [...layout.columns];
  for (const record of records) for (const key of record.keys()) if (!names.includes(key)) names.push(key);
  const rows = records.map((record) => names.map((name) => record.get(name) ?? ''));
  const { columns, issues } = profileColumns(names, rows);
  return {
    format: 'xml',
    dialect: { encoding, delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: false },
    columns,
    xmlRecordPath: layout.recordPath,
    issues,
    header: names,
    rows: rows.slice(0, rowLimit),
  };
}
