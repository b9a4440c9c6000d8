import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, editsByRow } from '../../../src-shared/cleanup/cell-steps';
import { cleanedView } from '../../../src-shared/cleanup/cleaned-view';
import { rowPreparation } from '../../../src-shared/cleanup/prepared-rows';
import type { CleanupStep, FilledRow } from '../../../src-shared/model/cleanup';
import type { DatasetRow } from '../../../src-shared/model/dataset';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { checkColumns, shapeSpecOf } from '../../../src-main/services/mapping/check-columns';
import { datasetDuplicates } from '../../../src-main/services/mapping/dataset-duplicates';
import { fillCarries } from '../../../src-main/services/stage/fill-carries';
import { mappedBatches } from '../../../src-main/services/mapping/mapped-batches';
import { countStepChanges } from '../../../src-main/services/mapping/step-changes';
import { DatasetReader } from '../../../src-main/services/stage/dataset-reader';
import { buildView } from '../../../src-main/services/stage/dataset-view';
import { runStageJob } from '../../../src-main/services/stage/stage-job';
import { checkKey, columnCheckOf } from '../../../src-shared/mapping/column-check';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';
import { col, idCol, mappingOf } from '../mapping/fixtures';

// Fill down over a real staged file: a report that writes the customer once per group of rows.
// Staged chunks hold 512 rows and the grid asks for pages from anywhere (sorted views too), so
// every reader of the rows — validation, runs, dedupe, step counts, the grid — must fill by file
// order, across chunks, with the steps before the fill applied. Expected values are worked out
// here from the lines written, not by the code under test.

const ROWS = 1300;
// Group starts: every 7th row, but none in 480–559 (a stretch across the chunk boundary at 512).
const starts = (i: number) => i === 0 || (i % 7 === 0 && !(i >= 480 && i < 560));
const city = (i: number) =>
  i === 0 ? 'Praha' : i % 13 === 0 ? 'Brno' : i % 5 === 0 ? 'N/A' : i % 11 === 0 ? '-' : '';
const note = (i: number) => (i % 9 === 0 ? `n${i} part${i}` : '');
const lines = Array.from(
  { length: ROWS },
  (_, i) => `${starts(i) ? `c${i}` : ''},${city(i)},o${String(i).padStart(4, '0')},${note(i)}`,
);

/** The nearest value at or above row i that `keep` takes, as fill down should give it. */
function filled(values: (i: number) => string, i: number): string {
  for (let j = i; j >= 0; j--) if (values(j).trim() !== '') return values(j);
  return '';
}

const temp = makeTempDir();
let reader: DatasetReader;

beforeAll(async () => {
  const file = writeFixture(temp.dir, 'report.csv', `customer,city,order,note\n${lines.join('\n')}\n`);
  const datasetPath = join(temp.dir, 'report.sqlite');
  await runStageJob(
    {
      spec: { kind: 'file', path: file },
      workspaceDir: temp.dir,
      datasetPath,
      format: 'csv',
      dialect: { encoding: 'utf-8', delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: true },
      columns: ['customer', 'city', 'order', 'note'],
    },
    { progress: () => undefined, checkpoint: () => undefined },
  );
  reader = new DatasetReader(datasetPath);
});
afterAll(() => {
  reader.close();
  temp.remove();
});

const columns = [idCol('customer', 'registered'), col('city'), col('order'), col('note')];
const withSteps = (cleanup: CleanupStep[]): ImportMapping => ({
  ...mappingOf('customers', columns),
  cleanup,
});
const fillCustomer = withSteps([{ kind: 'fill-down', column: 'customer' }]);

/** A row with its carry-in, as the grid gets it from the host. */
function withCarries(mapping: ImportMapping, rows: DatasetRow[]): FilledRow[] {
  const carries = fillCarries(
    reader,
    mapping,
    rows.map((row) => row.rowNumber),
  );
  return rows.map((row, i) => ({ ...row, fill: carries[i]! }));
}

/** Row index of a row number (the header is row 1, no blank lines). */
const indexOf = (row: DatasetRow) => row.rowNumber - 2;

describe('fill down over a staged file', () => {
  it('stages more than two chunks, with a group spanning the first boundary', () => {
    expect(reader.meta.rowCount).toBe(ROWS);
    expect(reader.window(511, 2).map((row) => row.cells[0])).toEqual(['', '']);
    expect(filled((i) => (starts(i) ? `c${i}` : ''), 530)).toBe('c476');
  });

  it('gives every row a customer in validation and in the run, across chunk boundaries', () => {
    const task = (mapping: ImportMapping) => {
      const check = columnCheckOf(mapping, mapping.columns[0]!)!;
      return { index: 0, key: checkKey(0, check), check, profileCheck: check };
    };
    const before = checkColumns(reader, [task(withSteps([]))]);
    expect(before[0]!.counts.empty).toBe(lines.filter((_, i) => !starts(i)).length);
    const after = checkColumns(reader, [task(fillCustomer)], shapeSpecOf(fillCustomer));
    expect(after[0]!.counts.empty).toBe(0);

    const records = [...mappedBatches(reader, fillCustomer)].flatMap((batch) => {
      expect(batch.rejects).toEqual([]);
      return batch.items;
    });
    expect(records).toHaveLength(ROWS);
    for (const record of records) {
      const i = record.rowNumber - 2;
      expect(record.ids).toEqual([
        { idType: 'registered', value: filled((j) => (starts(j) ? `c${j}` : ''), i) },
      ]);
    }
    // Row 531 (index 529) is in the second chunk; its customer was written in the first.
    expect(records[529]!.ids[0]!.value).toBe('c476');
  });

  it('shows filled values on a grid page from the middle of the file, the carry found in the chunk before', () => {
    const view = cleanedView(fillCustomer);
    for (const offset of [505, 530, 1020]) {
      const page = withCarries(fillCustomer, reader.window(offset, 40));
      for (const row of page) {
        expect(view(row).cleaned[0]).toBe(filled((j) => (starts(j) ? `c${j}` : ''), indexOf(row)));
        // The file's cell stays as it is: hand edits keep the value they replaced.
        expect(row.cells[0]).toBe(starts(indexOf(row)) ? `c${indexOf(row)}` : '');
      }
    }
    // Without its carry, a row in the middle would read as the file's first: blank.
    expect(view(reader.window(530, 1)[0]!).cleaned[0]).toBe('');
  });

  it('fills a sorted view by file order: each row shows its own filled value, whatever is next to it', () => {
    const view = cleanedView(fillCustomer);
    for (const sort of [
      { column: 2, direction: 'desc' as const },
      // Sorted by the filled column itself: the blanks come together, each still filled from above.
      { column: 0, direction: 'asc' as const },
    ]) {
      const order = buildView(reader, { sort });
      const page = withCarries(fillCustomer, reader.rowsAt(order.subarray(600, 650)));
      if (sort.direction === 'desc')
        expect(page.map(indexOf)).toEqual(
          lines
            .map((_, i) => i)
            .slice(650, 700)
            .reverse(),
        );
      for (const row of page)
        expect(view(row).cleaned[0]).toBe(filled((j) => (starts(j) ? `c${j}` : ''), indexOf(row)));
    }
  });

  it('fills after a value mapping that blanks values, with steps after the fill on the filled value', () => {
    const mapping = withSteps([
      {
        kind: 'map-values',
        column: 'city',
        pairs: [
          ['N/A', ''],
          ['-', ''],
        ],
        caseSensitive: false,
      },
      { kind: 'fill-down', column: 'city' },
      { kind: 'case', column: 'city', to: 'upper' },
      // Every row imports (the customer is written once per group).
      { kind: 'fill-down', column: 'customer' },
    ]);
    const mapped = (i: number) => (city(i) === 'N/A' || city(i) === '-' ? '' : city(i));
    const expected = (i: number) => filled(mapped, i).toUpperCase();
    const records = [...mappedBatches(reader, mapping)].flatMap((batch) => batch.items);
    expect(records.map((record) => record.attributes.find((a) => a.name === 'city')!.value)).toEqual(
      lines.map((_, i) => expected(i)),
    );
    // "N/A" in row 7 became blank, then "Praha" from row 2, then upper case.
    expect(expected(5)).toBe('PRAHA');
    const view = cleanedView(mapping);
    for (const row of withCarries(mapping, reader.window(700, 60)))
      expect(view(row).cleaned[1]).toBe(expected(indexOf(row)));

    // The step's preview before it is added: blanks (after the mapping) that have a value above.
    const mapOnly = withSteps([mapping.cleanup![0]!]);
    const preview = countStepChanges(reader, mapOnly, { kind: 'fill-down', column: 'city' });
    const blanks = lines.filter((_, i) => i > 0 && mapped(i) === '').length;
    expect(preview).toMatchObject({ changedCells: blanks, changedRows: blanks });
    expect(preview.examples[0]).toEqual({ rowNumber: 3, column: 'city', before: '', after: 'Praha' });
  });

  it('counts what a split or merge would add over every row, reading the rows as the steps so far leave them', () => {
    const notes = lines.flatMap((_, i) => (note(i) ? [i] : []));
    const split = countStepChanges(reader, withSteps([]), {
      kind: 'split',
      column: 'note',
      separator: ' ',
      regex: false,
      into: ['label', 'part'],
    });
    expect(split).toMatchObject({ changedCells: 2 * notes.length, changedRows: notes.length });
    expect(split.examples.slice(0, 2)).toEqual([
      { rowNumber: 2, column: 'label', before: '', after: 'n0' },
      { rowNumber: 2, column: 'part', before: '', after: 'part0' },
    ]);
    // After the fill, every row has a customer: each gets a merged value, filled ones included.
    const merge = countStepChanges(reader, fillCustomer, {
      kind: 'merge',
      columns: ['customer', 'city'],
      separator: ' / ',
      into: 'customer_city',
    });
    expect(merge).toMatchObject({ changedCells: ROWS, changedRows: ROWS });
    expect(merge.examples[1]).toEqual({
      rowNumber: 3,
      column: 'customer_city',
      before: '',
      after: [filled((i) => (starts(i) ? `c${i}` : ''), 1), city(1)].filter(Boolean).join(' / '),
    });
  });

  it('dedupes by filled values, and a removed row still passes its values down', () => {
    const mapping = withSteps([
      { kind: 'fill-down', column: 'customer' },
      { kind: 'fill-down', column: 'city' },
      { kind: 'dedupe', columns: ['customer'], keep: 'first' },
    ]);
    const removed = datasetDuplicates(reader, mapping)!;
    // Every row after a group's first has the group's customer once filled: it is a duplicate.
    expect(Array.from(removed, (flag, i) => (flag ? -1 : i)).filter((i) => i >= 0)).toEqual(
      lines.flatMap((_, i) => (starts(i) ? [i] : [])),
    );
    const records = [...mappedBatches(reader, mapping)].flatMap((batch) => batch.items);
    expect(records.map((record) => record.rowNumber - 2)).toEqual(
      lines.flatMap((_, i) => (starts(i) ? [i] : [])),
    );
    // Row index 14 starts a group with no city; "Brno" was written in removed row 13 above it.
    expect(city(14)).toBe('');
    expect(removed[13]).toBe(1);
    const cityOf14 = records
      .find((record) => record.rowNumber === 16)!
      .attributes.find((a) => a.name === 'city');
    expect(cityOf14!.value).toBe('Brno');
    for (const record of records)
      expect(record.attributes.find((a) => a.name === 'city')!.value).toBe(
        filled(city, record.rowNumber - 2) || null,
      );
  });

  it('finds the same carry reading back from any row as a pass from the first row, however steps combine', () => {
    // Two fills of one column with a mapping between them, a hand edit, and a fill of a column a split adds.
    const mapping: ImportMapping = {
      ...mappingOf('customers', [...columns, col('word'), col('part')]),
      cleanup: [
        { kind: 'map-values', column: 'city', pairs: [['N/A', '']], caseSensitive: true },
        { kind: 'fill-down', column: 'city' },
        { kind: 'map-values', column: 'city', pairs: [['Brno', '']], caseSensitive: true },
        { kind: 'fill-down', column: 'city' },
        { kind: 'edit-cells', edits: [{ row: 2, column: 'city', old: 'Praha', value: 'Plzeň' }] },
        { kind: 'split', column: 'note', separator: ' ', regex: false, into: ['word', 'part'] },
        { kind: 'fill-down', column: 'part' },
        { kind: 'fill-down', column: 'customer' },
      ],
    };
    const names = mapping.columns.map((column) => column.source);
    const edits = editsByRow(names, mapping.cleanup);
    const pass = rowPreparation(names, mapping.cleanup).start();
    const full = reader.window(0, ROWS).map((row) => pass(applyEdits(row.cells, edits.get(row.rowNumber))));
    // Spot checks of the pass itself: the edit fills down, "Brno" is blanked and filled over by
    // the "-" above it (itself filled into row 12), the part split from row 11's note fills row 12.
    expect(full[1]![1]).toBe('Plzeň');
    expect(full[12]![1]).toBe('-');
    expect(full[13]![1]).toBe('-');
    expect(full[10]![5]).toBe('part9');
    const view = cleanedView(mapping);
    const rows = reader.window(0, ROWS);
    // One row at a time, from the file's end backwards: each read back alone.
    for (let i = ROWS - 1; i >= 0; i -= 37) {
      const [row] = withCarries(mapping, [rows[i]!]);
      expect(view(row!).edited).toEqual(full[i]);
    }
    // A page in a shuffled order, as a sorted view asks.
    const shuffled = Array.from({ length: 120 }, (_, k) => (k * 389) % ROWS);
    for (const row of withCarries(
      mapping,
      shuffled.map((i) => rows[i]!),
    ))
      expect(view(row).edited).toEqual(full[indexOf(row)]);
  });
});
