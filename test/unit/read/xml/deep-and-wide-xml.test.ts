import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src-shared/limits';
import { HeadTooShort } from '../../../../src-main/services/preview/preview-csv';
import { previewXml } from '../../../../src-main/services/preview/preview-xml';
import { detectXmlLayout } from '../../../../src-main/services/read/xml/detect-records';
import { chunked, readAll, thrown } from './xml-test-helpers';

// Issue 19: 100,000 nested <a> took sniff, preview and import past 60 s and 3.6 GB, and an element with
// 1,000,000 attributes was said to hold "no child elements or attributes". Each case must end, well
// inside the timeout, with the outcome asserted; the timeout only keeps a regression from hanging CI.
const GUARD_MS = 20_000;

const nested = (levels: number): string => '<a>'.repeat(levels) + '</a>'.repeat(levels);
const attributes = (count: number): string =>
  Array.from({ length: count }, (_, i) => ` a${i}="${i % 10}"`).join('');

// The refusal for <a> nested past the limit: the first <a> over it is the (limit + 1)th, on line 1,
// and saxes reports the column of its closing '>', i.e. (limit + 1) tags of 3 characters.
const tooDeep = {
  code: 'LIMIT',
  message:
    `XML nests elements too deep: <a> at line 1, column ${(LIMITS.xmlDepth + 1) * 3} opens level ` +
    `${LIMITS.xmlDepth + 1}, over the ${LIMITS.xmlDepth}-level limit`,
  details: { depth: LIMITS.xmlDepth + 1, limit: LIMITS.xmlDepth, line: 1, reason: 'too-deep' },
};

describe('XML nested deeper than LIMITS.xmlDepth', () => {
  it('documents the limit as 256 levels, the depth libxml2 allows by default', () => {
    expect(LIMITS.xmlDepth).toBe(256);
  });

  it.each([10_000, 20_000, 100_000])(
    'refuses <a> nested %i deep in detection, preview and the import reader',
    (levels) => {
      const xml = nested(levels);
      expect(thrown(() => detectXmlLayout(xml))).toMatchObject(tooDeep);
      expect(thrown(() => previewXml(xml, true, 'utf-8', LIMITS.previewRows))).toMatchObject(tooDeep);
      // Read as the import reads: a shallow record path, so the flattener meets every level below it.
      expect(thrown(() => readAll(xml, ['a']))).toMatchObject(tooDeep);
      expect(thrown(() => readAll(xml, ['a', 'a']))).toMatchObject(tooDeep);
    },
    GUARD_MS,
  );

  it(
    'refuses the 700 KB file when it arrives in 64 KB chunks, and keeps refusing after',
    () => {
      const xml = nested(100_000);
      expect(xml.length).toBe(700_000);
      expect(thrown(() => readAll(chunked(xml, [64 * 1024]), ['a']))).toMatchObject(tooDeep);
    },
    GUARD_MS,
  );

  it('refuses a preview head cut in the middle of the nesting', () => {
    const head = nested(100_000).slice(0, 64 * 1024);
    expect(thrown(() => previewXml(head, false, 'utf-8', LIMITS.previewRows))).toMatchObject(tooDeep);
  });

  it('names the line where the limit was passed', () => {
    const xml = `<a>\n${'<a>\n'.repeat(LIMITS.xmlDepth)}`;
    expect(thrown(() => readAll(xml, ['a']))).toMatchObject({
      code: 'LIMIT',
      details: { depth: LIMITS.xmlDepth + 1, line: LIMITS.xmlDepth + 1, column: 3 },
    });
  });
});

describe('a feed nested exactly to the limit', () => {
  // <feed> is level 1, <entry> 2, the wrappers 3 to 255, <value> 256: the deepest element allowed.
  const wrappers = Array.from({ length: LIMITS.xmlDepth - 3 }, (_, i) => `w${i + 1}`);
  const deepColumn = [...wrappers, 'value'].join('.');
  const entry = (id: number, value: string): string =>
    `  <entry id="${id}">\n    <title>Entry ${id}</title>\n    ` +
    wrappers.map((name) => `<${name}>`).join('') +
    `<value lang="en">${value}</value>` +
    [...wrappers]
      .reverse()
      .map((name) => `</${name}>`)
      .join('') +
    '\n  </entry>\n';
  const feed = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<feed>\n${body}</feed>\n`;
  const xml = feed(entry(1, 'first') + entry(2, 'second &amp; last'));

  it('finds its records and columns', () => {
    expect(detectXmlLayout(xml)).toEqual({
      recordPath: ['feed', 'entry'],
      columns: ['entry@id', 'title', deepColumn, `${deepColumn}@lang`],
    });
  });

  it('reads every row, in the preview and through the import reader', () => {
    const expected = [
      { 'entry@id': '1', title: 'Entry 1', [deepColumn]: 'first', [`${deepColumn}@lang`]: 'en' },
      { 'entry@id': '2', title: 'Entry 2', [deepColumn]: 'second & last', [`${deepColumn}@lang`]: 'en' },
    ];
    expect(readAll(xml, ['feed', 'entry'])).toEqual(expected);
    expect(readAll(chunked(xml, [7]), ['feed', 'entry'])).toEqual(expected);
    const preview = previewXml(xml, true, 'utf-8', LIMITS.previewRows);
    expect(preview.rows).toEqual(expected.map((row) => preview.header.map((name) => row[name])));
  });

  it('is refused one level deeper, naming the line', () => {
    const deeper = feed(entry(1, 'ok') + entry(2, '<extra>too deep</extra>'));
    const line = deeper.slice(0, deeper.indexOf('<extra>')).split('\n').length;
    expect(line).toBe(9);
    expect(thrown(() => readAll(deeper, ['feed', 'entry']))).toMatchObject({
      code: 'LIMIT',
      details: { element: 'extra', depth: LIMITS.xmlDepth + 1, limit: LIMITS.xmlDepth, line },
    });
  });
});

describe('XML wider than the column limit', () => {
  const tooWide = {
    code: 'LIMIT',
    message: expect.stringMatching(
      new RegExp(
        `^XML element <row> at line 1 is too wide: more than ${LIMITS.sourceColumns} attributes ` +
          `\\(reading stopped at attribute ${LIMITS.sourceColumns + 1}, column \\d+\\), over the ` +
          `${LIMITS.sourceColumns}-column limit`,
      ),
    ),
    details: {
      element: 'row',
      attributes: LIMITS.sourceColumns + 1,
      limit: LIMITS.sourceColumns,
      reason: 'too-wide',
    },
  };

  it(
    'refuses an element with 1,000,000 attributes as too wide instead of "holds no attributes"',
    () => {
      const xml = `<root><row${attributes(1_000_000)}/></root>`;
      // A head that ends inside the start tag before the limit asks for a longer head (the preview
      // grows it up to 8 MB); one past the limit is refused; the import reads it all.
      expect(
        thrown(() => previewXml(xml.slice(0, 64 * 1024), false, 'utf-8', LIMITS.previewRows)),
      ).toBeInstanceOf(HeadTooShort);
      const head = xml.slice(0, 1024 * 1024);
      expect(thrown(() => previewXml(head, false, 'utf-8', LIMITS.previewRows))).toMatchObject(tooWide);
      expect(thrown(() => detectXmlLayout(xml))).toMatchObject(tooWide);
      expect(thrown(() => readAll(chunked(xml, [64 * 1024]), ['root', 'row']))).toMatchObject(tooWide);
      const unwrapped = xml.slice('<root>'.length, -'</root>'.length);
      expect(thrown(() => readAll(unwrapped, ['row']))).toMatchObject(tooWide);
    },
    GUARD_MS,
  );

  it('reads an element with exactly the limit of attributes', () => {
    const xml = `<root><row${attributes(LIMITS.sourceColumns)}/><row a0="x"/></root>`;
    const [first, second] = readAll(xml, ['root', 'row']);
    expect(Object.keys(first ?? {})).toHaveLength(LIMITS.sourceColumns);
    expect(first?.[`row@a${LIMITS.sourceColumns - 1}`]).toBe(String((LIMITS.sourceColumns - 1) % 10));
    expect(second).toEqual({ 'row@a0': 'x' });
  });

  it('refuses a record whose children make more columns than the limit, naming the record', () => {
    const children = Array.from({ length: LIMITS.sourceColumns + 40 }, (_, i) => `<c${i}>${i}</c${i}>`).join(
      '',
    );
    const xml = `<rows>\n<row><c0>ok</c0></row>\n<row>${children}</row>\n</rows>`;
    const error = thrown(() => readAll(xml, ['rows', 'row']));
    expect(error).toMatchObject({
      code: 'LIMIT',
      message:
        `XML record 2 (<row> at line 3) is too wide: more than ${LIMITS.sourceColumns} columns ` +
        `(${LIMITS.sourceColumns + 1} when reading stopped at <c${LIMITS.sourceColumns}>, line 3), ` +
        `over the ${LIMITS.sourceColumns}-column limit`,
      details: { record: 2, columns: LIMITS.sourceColumns + 1, limit: LIMITS.sourceColumns },
    });
    expect(thrown(() => detectXmlLayout(xml))).toMatchObject({ code: 'LIMIT', details: { record: 2 } });
  });

  it('reads a record with exactly the limit of columns', () => {
    const children = Array.from({ length: LIMITS.sourceColumns }, (_, i) => `<c${i}>${i}</c${i}>`).join('');
    const [record] = readAll(`<rows><row>${children}</row></rows>`, ['rows', 'row']);
    expect(Object.keys(record ?? {})).toHaveLength(LIMITS.sourceColumns);
    expect(record?.[`c${LIMITS.sourceColumns - 1}`]).toBe(String(LIMITS.sourceColumns - 1));
  });

  it('reads records of ever-new shapes correctly (the column names it keeps are bounded)', () => {
    const count = 5000;
    const rows = Array.from({ length: count }, (_, i) => `<row><x${i} k="${i}"><y>${i}</y></x${i}></row>`);
    const records = readAll(`<rows>${rows.join('')}</rows>`, ['rows', 'row']);
    expect(records).toEqual(
      Array.from({ length: count }, (_, i) => ({ [`x${i}@k`]: String(i), [`x${i}.y`]: String(i) })),
    );
  });

  it('previews records that together have more columns than an import takes (260), up to 10,000', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<row><c${i}>${i}</c${i}></row>`).join('');
    expect(previewXml(`<rows>${rows}</rows>`, true, 'utf-8', 10).header).toHaveLength(300);
  });
});
