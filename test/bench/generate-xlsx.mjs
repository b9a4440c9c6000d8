// Writes the benchmark's Excel workbook: the same rows as generate.mjs's CSV, typed as a person's
// workbook would have them (numbers, a real date cell, booleans, text with leading zeros), with
// shared strings as Excel writes them. Kept in bench-data/ and reused once complete.
import { once } from 'node:events';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';

const HEADER = 'id,email,name,city,amount,qty,created_at,active,note,tags,score,code'.split(',');
const CITIES = ['Praha', 'Brno', 'Ostrava "Poruba"', 'Plzeň', 'České Budějovice', 'Hradec Králové'];
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
// A row takes ~87 bytes of the file; one well under that has fewer rows than asked for.
const MIN_BYTES_PER_ROW = 50;
// exceljs writes the sheet's XML towards the zip without waiting for it, so without a pause every
// so many rows the whole sheet piles up in memory (2.5 GB of RSS for 1M rows). Up to MAX_BUFFERED
// bytes may wait: enough to keep deflate (on the thread pool) busy while the loop makes more XML.
const ROWS_PER_WAIT = 1000;
const MAX_BUFFERED = 8 << 20;

/** Row `i`'s cells: generate.mjs's CSV fields, unquoted, as typed values. */
function values(i) {
  return [
    i,
    `customer.${i}@example.com`,
    i % 7 === 0 ? `Novák, Jan ${i}` : `Jana Dvořáková ${i}`,
    CITIES[i % CITIES.length],
    ((i * 37) % 100000) / 100,
    i % 17,
    // exceljs turns a Date into Excel's serial from its UTC fields, so the cell shows the CSV's time.
    new Date(Date.UTC(2024, i % 12, (i % 28) + 1, i % 24, i % 60, (i * 7) % 60)),
    i % 3 === 0,
    i % 50 === 0
      ? 'first line of the note\nsecond line, with a comma'
      : 'ordinary note text for this customer row',
    `["tag${i % 5}","vip"]`,
    (i * 13) % 1000,
    String(i % 100000).padStart(5, '0'),
  ];
}

/** Waits while more than MAX_BUFFERED bytes of the sheet wait for the zip; else just yields. */
async function drained(sheet) {
  // `pipes` holds the consumers of exceljs's sheet stream: the zip attaches one (a readable-stream
  // PassThrough, so no `writableNeedDrain`) when it gets to the sheet.
  const consumer = sheet.stream.pipes?.[0];
  if (consumer?._writableState?.length > MAX_BUFFERED) await once(consumer, 'drain');
  else await new Promise(setImmediate);
}

/**
 * Writes a header and `rows` rows to `path` unless a complete file is there; returns its size. The
 * workbook is written beside it and renamed when done, so an interrupted run leaves nothing to reuse.
 */
export async function generateXlsx(path, { rows }) {
  if (existsSync(path) && statSync(path).size > rows * MIN_BYTES_PER_ROW) return statSync(path).size;
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Customers');
  sheet.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) {
    const row = sheet.addRow(values(i));
    row.getCell(7).numFmt = DATE_FORMAT;
    // Text format, as a column formatted as Text before typing codes in: the zeros stay.
    row.getCell(12).numFmt = '@';
    row.commit();
    if (i % ROWS_PER_WAIT === 0) await drained(sheet);
  }
  await sheet.commit();
  await workbook.commit();
  renameSync(partial, path);
  return statSync(path).size;
}
