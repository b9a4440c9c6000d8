import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import type { Preview } from '../../../src-shared/model/preview';

// The corpus-level check (issue 17): every file under test/fixtures/ that is meant to be readable
// is read through the real preview path (encoding, format, dialect, header), and each annotated
// one comes out with its annotated delimiter, encoding, quote and skipped lines. The files meant to
// be refused (XML attacks) are refused with a coded error. A new fixture joins this check by being
// added to the folder: it must either read or be listed below as refused.

const ROOT = join(process.cwd(), 'test', 'fixtures');
const READABLE = /\.(csv|tsv|txt|psv|ssv|wsv|xml)$/i;

/** Files that must be refused, with what the refusal names. */
const REFUSED: Record<string, RegExp> = {
  'xml/billion-laughs.xml': /entity/i,
  'xml/billion-laughs-within-depth.xml': /entity/i,
  'xml/quadratic-blowup.xml': /entity/i,
  'xml/external-entity.xml': /external entity/i,
  'xml/xxe-parameter-entity.xml': /parameter entity/i,
  'xml/undeclared-entity.xml': /entity/i,
};

interface Annotation {
  encoding?: string;
  delimiter?: string;
  quote?: string;
  skipLines?: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The dialect corpus's annotations (delimiter per file). */
function corpusAnnotations(): Record<string, Annotation> {
  const raw = JSON.parse(readFileSync(join(ROOT, 'dialect-corpus', 'annotations.json'), 'utf8')) as Record<
    string,
    { delimiter: string }
  >;
  return Object.fromEntries(
    Object.entries(raw).map(([file, { delimiter }]) => [`dialect-corpus/${file}`, { delimiter }]),
  );
}

/** The real-world CSV folder's README table: file, encoding, delimiter, quote, line end, skip. */
function realWorldAnnotations(): Record<string, Annotation> {
  const names: Record<string, string> = { tab: '\t', '`,`': ',', '`;`': ';', '`"`': '"', "`'`": "'" };
  const rows = readFileSync(join(ROOT, 'real-world-csv', 'README.md'), 'utf8')
    .split('\n')
    .filter((line) => /^\| [\w-]+\.(csv|tsv|txt) \|/.test(line));
  return Object.fromEntries(
    rows.map((line) => {
      const [file, encoding, delimiter, quote, , skip] = line
        .split('|')
        .slice(1)
        .map((cell) => cell.trim());
      return [
        `real-world-csv/${file}`,
        {
          encoding: encoding!,
          delimiter: names[delimiter!] ?? delimiter!,
          quote: names[quote!] ?? quote!,
          skipLines: Number.parseInt(skip!, 10),
        },
      ];
    }),
  );
}

const files = filesUnder(ROOT)
  .filter((path) => READABLE.test(path))
  .map((path) => relative(ROOT, path))
  .sort();
const annotations = { ...corpusAnnotations(), ...realWorldAnnotations() };

describe('every fixture', () => {
  it('is a corpus worth checking (the folders are found and annotated)', () => {
    expect(files.length).toBeGreaterThan(120);
    expect(Object.keys(annotations).length).toBeGreaterThan(100);
    for (const file of Object.keys(annotations)) expect(files, file).toContain(file);
    for (const file of Object.keys(REFUSED)) expect(files, file).toContain(file);
  });

  it.each(files.filter((file) => !(file in REFUSED)))('%s is read, as annotated', async (file) => {
    const preview: Preview = await previewFile(join(ROOT, file));
    expect(preview.header.length, 'columns').toBeGreaterThan(0);
    expect(preview.rows.length, 'rows').toBeGreaterThan(0);
    const expected = annotations[file];
    if (!expected) return;
    const { dialect } = preview;
    if (expected.delimiter !== undefined) expect(dialect.delimiter, 'delimiter').toBe(expected.delimiter);
    if (expected.encoding !== undefined) expect(dialect.encoding, 'encoding').toBe(expected.encoding);
    if (expected.quote !== undefined) expect(dialect.quote, 'quote').toBe(expected.quote);
    if (expected.skipLines !== undefined)
      expect(dialect.skipLines ?? 0, 'skipped lines').toBe(expected.skipLines);
  });

  it.each(Object.entries(REFUSED))('%s is refused with a coded error naming why', async (file, reason) => {
    const refusal = await previewFile(join(ROOT, file)).then(
      () => null,
      (error: unknown) => error as { code?: string; message?: string },
    );
    expect(refusal?.code).toBe('PARSE');
    expect(refusal?.message).toMatch(reason);
  });
});
