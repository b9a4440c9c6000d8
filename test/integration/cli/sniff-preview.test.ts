import { spawnSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN } from '../../support/serve-process';
import { makeTempDir } from '../../support/temp-dir';

// The built `intake sniff` / `intake preview` on messy real files, as scripts use them.

const temp = makeTempDir();
afterAll(() => temp.remove());
const run = (...args: string[]) => spawnSync(process.execPath, [INTAKE_BIN, ...args], { encoding: 'utf8' });
const file = (name: string, bytes: Buffer | string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('intake sniff and preview', () => {
  it('sniffs a cp1252 semicolon file with a decimal comma column', () => {
    const path = file(
      'prices.csv',
      iconv.encode('Produkt;Preis;Größe\n"Käse; alt";3,50;€ 12\nBrötchen;0,40;klein\n', 'cp1252'),
    );
    const result = run('sniff', path, '--json');
    expect(result.status).toBe(0);
    const sniff = JSON.parse(result.stdout);
    expect(sniff).toMatchObject({
      format: 'csv',
      encoding: 'cp1252',
      delimiter: ';',
      quote: '"',
      newline: '\n',
      hasHeader: true,
    });
    expect(sniff.columns.map((c: { name: string }) => c.name)).toEqual(['Produkt', 'Preis', 'Größe']);
    expect(sniff.warnings.map((w: { code: string }) => w.code)).toContain('type-warning');
  });

  it('previews rows exactly as in the file after unquoting, with overrides', () => {
    const path = file('notes.csv', 'id,note\r\n1,"line one\r\nline two"\r\n2,"say ""hi"""\r\n3,\r\n');
    const preview = JSON.parse(run('preview', path, '--json').stdout);
    expect(preview.newline).toBe('\r\n');
    expect(preview.header).toEqual(['id', 'note']);
    expect(preview.rows).toEqual([
      ['1', 'line one\r\nline two'],
      ['2', 'say "hi"'],
      ['3', ''],
    ]);
    const forced = JSON.parse(
      run('preview', path, '--json', '--delimiter', 'semicolon', '--no-header', '--rows', '1').stdout,
    );
    expect(forced.delimiter).toBe(';');
    expect(forced.hasHeader).toBe(false);
    expect(forced.rows).toEqual([['id,note']]);
  });

  it('previews a 300-column file whole and refuses to import all 300, saying how many to uncheck', () => {
    const header = Array.from({ length: 300 }, (_, i) => (i === 0 ? 'email' : `c${i}`)).join(',');
    const row = ['a@example.com', ...Array.from({ length: 299 }, (_, i) => String(i))].join(',');
    const wide = file('wide-300.csv', `${header}\n${row}\n`);
    const preview = JSON.parse(run('preview', wide, '--json').stdout) as {
      header: string[];
      rows: string[][];
    };
    expect(preview.header).toHaveLength(300);
    expect(preview.rows[0]).toHaveLength(300);
    const workspace = join(temp.dir, 'wide-workspace');
    const imported = run(
      'import',
      wide,
      '--type',
      'customers',
      '--id',
      'email=email_id',
      '--workspace',
      workspace,
    );
    expect(imported.status).toBe(1);
    expect(imported.stderr).toContain(
      'This import includes 300 columns; the platform takes at most 260. Uncheck the 40 you need least.',
    );
  });

  it('says a source of blank lines is empty, with no header and no rows', () => {
    const blank = run('preview', file('blank-lines.csv', '\r\n\r\n\n'), '--json');
    expect(blank.status).toBe(1);
    expect(JSON.parse(blank.stdout).error).toMatchObject({
      code: 'VALIDATION',
      message: 'The source is empty: no header row and no rows (a file of 0 bytes, or only blank lines).',
      details: { reason: 'empty' },
    });
  });

  it('refuses what it cannot read, naming the limit or the row', () => {
    const wide = file(
      'wide.csv',
      Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(10_000) + '1\n',
    );
    const tooWide = run('sniff', wide, '--json');
    expect(tooWide.status).toBe(1);
    expect(tooWide.stderr).toContain('10,001 columns, over the 10,000 Intake can preview and map');

    const huge = join(temp.dir, 'huge.csv');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024 + 1);
    closeSync(fd);
    const tooBig = run('sniff', huge);
    expect(tooBig.status).toBe(1);
    expect(tooBig.stderr).toMatch(/"huge.csv" is 1\.0 GB, over the 1\.0 GB file limit/);

    // A quote that never closes is text by default (with a warning); --strict-quotes refuses it.
    const lenient = JSON.parse(run('preview', file('broken.csv', 'a,b\n1,"open\n'), '--json').stdout);
    expect(lenient.rows).toEqual([['1', '"open']]);
    expect(lenient.warnings.map((warning: { code: string }) => warning.code)).toContain('stray-quotes');
    const broken = run('preview', join(temp.dir, 'broken.csv'), '--json', '--strict-quotes');
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout).error).toMatchObject({ code: 'PARSE', details: { row: 2 } });
    // Without --json the error comes with the file's own lines around it, the row's line marked.
    const shown = run(
      'preview',
      file('unclosed.csv', 'id,name,note\n1,Ann,ok\n2,Bob,"never closes\n3,Cy,fine\n'),
      '--strict-quotes',
    );
    expect(shown.status).toBe(1);
    expect(shown.stderr).toContain('row 3, field 3 is never closed');
    expect(shown.stderr).toContain(
      ['  1 | id,name,note', '  2 | 1,Ann,ok', '> 3 | 2,Bob,"never closes', '  4 | 3,Cy,fine'].join('\n'),
    );
    const xml = run(
      'preview',
      file(
        'bad.xml',
        '<?xml version="1.0"?>\n<rows>\n<row><id>1</id></row>\n<row><id>2</id></rowx>\n</rows>\n',
      ),
    );
    expect(xml.status).toBe(1);
    expect(xml.stderr).toContain('line 4, column 22');
    expect(xml.stderr).toContain(['> 4 | <row><id>2</id></rowx>', `    | ${' '.repeat(21)}^`].join('\n'));

    const badDelimiter = run(
      'preview',
      broken.stdout ? join(temp.dir, 'broken.csv') : '',
      '--delimiter',
      'hash',
    );
    expect(badDelimiter.status).toBe(2);
    expect(badDelimiter.stderr).toContain('--delimiter "hash" is not supported');
  });

  it('warns about duplicate and empty header names', () => {
    const path = file('dupes.csv', 'email,name,email,\na@x.cz,Ann,b@x.cz,1\n');
    const sniff = JSON.parse(run('sniff', path, '--json').stdout);
    expect(sniff.columns.map((c: { name: string }) => c.name)).toEqual([
      'email',
      'name',
      'email',
      'column_4',
    ]);
    const codes = sniff.warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['duplicate-headers', 'empty-headers']));
  });
});
