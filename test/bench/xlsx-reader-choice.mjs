// Why Intake reads .xlsx itself: exceljs's streaming reader (the card's candidate) against Intake's
// staging of the same workbook (`npm run bench` writes bench-data/bench-1m.xlsx), each in its own
// process for its own peak RSS. Run after a build: node test/bench/xlsx-reader-choice.mjs
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workbook = process.argv[2] ?? join(root, 'bench-data/bench-1m.xlsx');

if (process.argv[3] === '--exceljs') {
  // The child: every row read (values touched), shared strings and styles cached as a reader must.
  const { default: ExcelJS } = await import('exceljs');
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbook, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) for await (const row of sheet) rows += row.values.length > 0 ? 1 : 0;
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const run = (args) =>
    JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').at(-1));
  const exceljs = run([fileURLToPath(import.meta.url), workbook, '--exceljs']);
  const intake = run([join(root, 'test/bench/stage-one.mjs'), workbook, join(root, 'out/main/engine.js')]);
  for (const [name, result] of [
    ['exceljs 4 streaming reader (rows read, nothing stored)', exceljs],
    ["Intake's staging (rows read and stored)", intake],
  ]) {
    console.log(
      `${name.padEnd(56)} ${result.seconds.toFixed(2)} s  ${result.rows.toLocaleString('en')} rows  ${result.peakRssMb.toFixed(0)} MB`,
    );
  }
}
