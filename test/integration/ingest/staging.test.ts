import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { makeTestRuntime } from '../../support/runtime';

// Staging through the real worker pool (worker threads loading the TypeScript through tsx).

describe('staging a source into a dataset', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  beforeAll(() => {
    runtime = makeTestRuntime();
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  async function stage(name: string, content: Buffer, overrides: DialectOverrides = {}) {
    const path = join(runtime.workspace.dir, name);
    writeFileSync(path, content);
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path, overrides);
    const started = runtime.staging.start(source, preview);
    expect(started.status).toBe('staging');
    return runtime.staging.settled(started.id);
  }

  it('stages every record of a cp1250 file with quoted delimiters, quotes and newlines', async () => {
    const lines = ['id;jméno;poznámka'];
    const expected: string[][] = [];
    for (let i = 1; i <= 5000; i++) {
      const note = i % 3 === 0 ? `řádek ${i}\nsecond "line"; end` : `žluťoučký kůň ${i}`;
      expected.push([String(i), `Šárka ${i}`, note]);
      lines.push(`${i};Šárka ${i};${i % 3 === 0 ? `"${note.replaceAll('"', '""')}"` : note}`);
    }
    const dataset = await stage('czech.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'cp1250'));
    expect(dataset).toMatchObject({ status: 'ready', rowCount: 5000, columns: ['id', 'jméno', 'poznámka'] });
    expect(dataset.dialect).toMatchObject({
      encoding: 'cp1250',
      delimiter: ';',
      hasHeader: true,
      newline: '\r\n',
    });
    const first = await runtime.staging.rows(dataset.id, 0, 3, {});
    expect(first.total).toBe(5000);
    expect(first.rows.map((r) => r.cells)).toEqual(expected.slice(0, 3));
    expect(first.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    const deep = await runtime.staging.rows(dataset.id, 4990, 50, {});
    expect(deep.rows.map((r) => r.cells)).toEqual(expected.slice(4990));
  });

  it('filters and sorts over the whole dataset in the pool', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `${i + 1},${['Praha', 'Brno', 'Ostrava'][i % 3]},${(i * 7919) % 1000}`,
    );
    const dataset = await stage('cities.csv', Buffer.from(`id,city,score\n${rows.join('\n')}\n`));
    const filtered = await runtime.staging.rows(dataset.id, 0, 5, { filter: 'brno' });
    expect(filtered.total).toBe(1000);
    expect(filtered.rows.every((r) => r.cells[1] === 'Brno')).toBe(true);
    const sorted = await runtime.staging.rows(dataset.id, 0, 3, {
      sort: { column: 2, direction: 'desc' },
    });
    expect(sorted.rows.map((r) => Number(r.cells[2]))).toEqual([999, 999, 999]);
    const numericOrder = await runtime.staging.rows(dataset.id, 0, 3000, {
      sort: { column: 0, direction: 'asc' },
    });
    expect(numericOrder.rows.map((r) => Number(r.cells[0]))).toEqual(
      Array.from({ length: 3000 }, (_, i) => i + 1),
    );
  });

  it('reports ragged rows with their row numbers and keeps them', async () => {
    const dataset = await stage('ragged.csv', Buffer.from('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n'));
    expect(dataset.rowCount).toBe(4);
    const ragged = dataset.issues.find((issue) => issue.code === 'ragged-rows');
    expect(ragged?.rows).toEqual([3, 4]);
    expect(ragged?.message).toContain('row 3 has 2');
    const page = await runtime.staging.rows(dataset.id, 0, 10, {});
    expect(page.rows.map((r) => r.cells)).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
      ['6', '7', '8', '9'],
      ['10', '11', '12'],
    ]);
  });

  it('stages UTF-16 (transcoded) and XML (flattened) sources', async () => {
    const utf16 = await stage(
      'wide.tsv',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode('name\tcity\nΑθηνά\tΘεσσαλονίκη\nЖанна\tКиїв\n', 'utf-16le'),
      ]),
    );
    expect(utf16).toMatchObject({ status: 'ready', rowCount: 2 });
    expect((await runtime.staging.rows(utf16.id, 0, 5, {})).rows.map((r) => r.cells)).toEqual([
      ['Αθηνά', 'Θεσσαλονίκη'],
      ['Жанна', 'Київ'],
    ]);
    const xml = await stage(
      'feed.xml',
      Buffer.from(
        '<?xml version="1.0"?><items><item id="1"><name>A, "quoted"</name></item><item id="2"><name>B</name><tag>x</tag><tag>y</tag></item></items>',
      ),
    );
    expect(xml.status).toBe('ready');
    const page = await runtime.staging.rows(xml.id, 0, 5, {});
    expect(xml.columns).toEqual(['item@id', 'name', 'tag']);
    expect(page.rows.map((r) => r.cells)).toEqual([
      ['1', 'A, "quoted"', ''],
      ['2', 'B', '["x","y"]'],
    ]);
  });

  it('reads an unterminated quote as text with a warning naming its row; strictly, it refuses the file', async () => {
    const path = join(runtime.workspace.dir, 'short-broken.csv');
    writeFileSync(path, `a,b\n${'1,2\n'.repeat(200)}3,"never closed\n4,5\n`);
    const lenient = await previewFile(path, {}, 1000);
    expect(lenient.rows.slice(199)).toEqual([
      ['1', '2'],
      ['3', '"never closed'],
      ['4', '5'],
    ]);
    expect(lenient.issues.find((issue) => issue.code === 'stray-quotes')).toMatchObject({
      severity: 'warning',
      rows: [202],
    });
    await expect(previewFile(path, { lenientQuotes: false })).rejects.toThrow(/Unterminated quote.*row 202/);

    // Staged, the warning is listed once: staging's count over the whole file, with the preview's
    // rows. The file has a second stray past the preview's head (row 80,204).
    const staged = await stage(
      'short-broken.csv',
      Buffer.concat([readFileSync(path), Buffer.from(`${'6,7\n'.repeat(80_000)}8,"again\n`)]),
    );
    const warnings = staged.issues.filter((issue) => issue.code === 'stray-quotes');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rows: [202] });
    expect(warnings[0]!.message).toMatch(/read as text in 2 rows: row 202, …\. Check those values/);
  });

  it('stages a stray quote past the preview head as text and warns; strictly, fails with its row and keeps no rows', async () => {
    const content = Buffer.from(`a,b\n${'1,2\n'.repeat(80_000)}3,"never closed\n4,5\n`);
    const lenient = await stage('stray.csv', content);
    expect(lenient.status).toBe('ready');
    expect(lenient.rowCount).toBe(80_002);
    const page = await runtime.staging.rows(lenient.id, 80_000, 2, {});
    expect(page.rows.map((row) => [row.rowNumber, ...row.cells])).toEqual([
      [80_002, '3', '"never closed'],
      [80_003, '4', '5'],
    ]);
    expect(lenient.issues.find((issue) => issue.code === 'stray-quotes')?.message).toMatch(
      /in 1 row of the file/,
    );

    const dataset = await stage('broken.csv', content, { lenientQuotes: false });
    expect(dataset.status).toBe('failed');
    expect(dataset.rowCount).toBe(0);
    expect(dataset.error?.message).toMatch(/Unterminated quote.*row 80002/);
    await expect(runtime.staging.rows(dataset.id, 0, 1, {})).rejects.toThrow(/failed/);
  });

  it('stages a header joined from two rows: the second header row is not data, row numbers follow', async () => {
    const content = Buffer.from(
      'Region,Sales,,Returns,\n,2024,2025,2024,2025\nNorth,100,120,5,6\nSouth,90,95,4,3\n',
    );
    const dataset = await stage('two-row-header.csv', content, { headerRows: 2 });
    expect(dataset.status).toBe('ready');
    expect(dataset.columns).toEqual(['Region', 'Sales 2024', 'Sales 2025', 'Returns 2024', 'Returns 2025']);
    const page = await runtime.staging.rows(dataset.id, 0, 5, {});
    expect(page.rows.map((row) => [row.rowNumber, ...row.cells])).toEqual([
      [3, 'North', '100', '120', '5', '6'],
      [4, 'South', '90', '95', '4', '3'],
    ]);
  });

  it('skips a preamble and an Excel sep= line, in the preview and in every staged row number', async () => {
    const lines = [
      'sep=;',
      'Sales report',
      'Exported 2026-01-05',
      '',
      'id;amount',
      ...Array.from({ length: 3000 }, (_, i) => `${i};${i},5`),
    ];
    const path = join(runtime.workspace.dir, 'report.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const preview = await previewFile(path);
    expect(preview.dialect).toMatchObject({ delimiter: ';', skipLines: 4, hasHeader: true });
    expect(preview.header).toEqual(['id', 'amount']);
    expect(preview.rows[0]).toEqual(['0', '0,5']);
    expect(preview.issues.find((issue) => issue.code === 'preamble-skipped')?.message).toMatch(
      /^Skipped 4 lines before the header/,
    );
    const dataset = await stage('report.csv', Buffer.from(`${lines.join('\r\n')}\r\n`));
    expect(dataset.status).toBe('ready');
    expect(dataset.rowCount).toBe(3000);
    const page = await runtime.staging.rows(dataset.id, 2999, 1, {});
    // The header is line 5: the last row is line 3005, as a spreadsheet shows it.
    expect(page.rows.map((row) => [row.rowNumber, ...row.cells])).toEqual([[3005, '2999', '2999,5']]);
  });

  it('drops a dataset: its file, its views and its record go, even while it stages', async () => {
    const done = await stage('drop-me.csv', Buffer.from('a,b\n1,2\n3,4\n'));
    await runtime.staging.rows(done.id, 0, 1, { filter: '3' });
    const file = join(runtime.workspace.dir, 'datasets', `${done.id}.sqlite`);
    expect(existsSync(file)).toBe(true);
    expect(await runtime.staging.drop(done.id)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(() => runtime.staging.get(done.id)).toThrow(/No dataset/);

    const path = join(runtime.workspace.dir, 'drop-running.csv');
    writeFileSync(path, `id,v\n${Array.from({ length: 300_000 }, (_, i) => `${i},"x${i}"`).join('\n')}\n`);
    const source = await registerFile(runtime.workspace.db, path);
    const running = runtime.staging.start(source, await previewFile(path));
    expect(await runtime.staging.drop(running.id)).toBe(true);
    expect(existsSync(join(runtime.workspace.dir, 'datasets', `${running.id}.sqlite`))).toBe(false);
  });

  it('cancels a staging run between chunks', async () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => `${i},"value ${i}",${i * 2}`).join('\n');
    const path = join(runtime.workspace.dir, 'big.csv');
    writeFileSync(path, `id,name,double\n${rows}\n`);
    const source = await registerFile(runtime.workspace.db, path);
    const started = runtime.staging.start(source, await previewFile(path));
    const cancelled = await runtime.staging.cancel(started.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED');
  });
});
