import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { CORPUS, corpusCsv, encodingsFor, legacyForm } from '../../support/multilingual-corpus';
import { makeTempDir } from '../../support/temp-dir';

// Real files in every encoding × several delimiters, written from UTF-8 text in 31 languages, read
// back through the whole preview pipeline (detection, decoding, parsing): the decoded rows are compared.

const temp = makeTempDir();
afterAll(() => temp.remove());
const DELIMITERS = [',', ';', '\t', '|'] as const;
const BOM = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] } as const;

const cases = CORPUS.flatMap((language) =>
  encodingsFor(language).flatMap((encoding) =>
    DELIMITERS.map((delimiter) => ({ language, encoding, delimiter })),
  ),
);

describe('preview decodes every language in every encoding it can be written in', () => {
  it.each(cases.map((c) => [c.language.name, c.encoding, JSON.stringify(c.delimiter), c] as const))(
    '%s in %s, delimiter %s',
    async (_name, _encoding, _delimiter, { language, encoding, delimiter }) => {
      const text = legacyForm(corpusCsv(language, delimiter), encoding);
      const bom =
        encoding in BOM && language.code.length % 2 === 0
          ? Buffer.from(BOM[encoding as keyof typeof BOM])
          : Buffer.alloc(0);
      const path = join(temp.dir, `${language.code}-${encoding}-${delimiter.charCodeAt(0)}.csv`);
      writeFileSync(path, Buffer.concat([bom, iconv.encode(text, encoding)]));
      const preview = await previewFile(path);
      const expected = iconv.decode(iconv.encode(text, encoding), encoding);
      const expectedRows = expected.trimEnd().split('\r\n').length - 1;
      expect(preview.dialect.delimiter).toBe(delimiter);
      expect(preview.dialect.hasHeader).toBe(true);
      // What the file can hold: the legacy form of each value, round-tripped through the encoding.
      const stored = (cell: string) =>
        iconv.decode(iconv.encode(legacyForm(cell, encoding), encoding), encoding).normalize('NFC');
      expect(preview.header.map((h) => h.normalize('NFC'))).toEqual(language.header.map(stored));
      expect(preview.rows).toHaveLength(expectedRows);
      const decoded = preview.rows.map((row) => row.map((cell) => cell.normalize('NFC')));
      expect(decoded).toEqual(language.rows.map((row) => row.map(stored)));
    },
  );
});
