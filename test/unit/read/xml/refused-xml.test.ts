import { describe, expect, it } from 'vitest';
import { IntakeError } from '../../../../src-shared/errors';
import { createXmlRecordReader } from '../../../../src-main/services/read/xml/read-records';
import { readAll, thrown } from './xml-test-helpers';

describe('XML that Intake refuses', () => {
  // DOCTYPEs, entities and their attacks (billion laughs, XXE): doctype-entities and doctype-attacks tests.

  it('ignores a plain DOCTYPE without entities', () => {
    const xml = '<!DOCTYPE catalog>\n<catalog><book><t>1</t></book><book><t>2</t></book></catalog>';
    expect(readAll(xml, ['catalog', 'book'])).toEqual([{ t: '1' }, { t: '2' }]);
  });

  it('refuses an undeclared entity with its position rather than passing "&nbsp;" through', () => {
    const xml = '<catalog>\n<book><t>a&nbsp;b</t></book>\n</catalog>';
    expect(() => readAll(xml, ['catalog', 'book'])).toThrow(
      /^XML is not well-formed at line 2, column \d+: /,
    );
  });

  it('names line and column for a mismatched close tag', () => {
    const xml = '<catalog>\n  <book>\n    <t>1</x>\n  </book>\n</catalog>';
    const error = thrown(() => readAll(xml, ['catalog', 'book']));
    expect(error).toMatchObject({ code: 'PARSE', details: { line: 3 } });
    expect((error as Error).message).toMatch(/^XML is not well-formed at line 3, column \d+: /);
  });

  it('names the unclosed tag when the document ends early', () => {
    const xml = '<catalog>\n  <book>\n    <t>1</t>\n';
    expect(() => readAll(xml, ['catalog', 'book'])).toThrow(
      /^XML is not well-formed at line 4, column \d+: unclosed tag <(book|catalog)>/,
    );
  });

  it('keeps failing after an error instead of parsing on', () => {
    const records: unknown[] = [];
    const reader = createXmlRecordReader({ recordPath: ['catalog', 'book'] }, (record) =>
      records.push(record),
    );
    const first = thrown(() => reader.write('<catalog><book><t>1</x>'));
    expect(first).toBeInstanceOf(IntakeError);
    expect(thrown(() => reader.write('</book><book><t>2</t></book>'))).toBe(first);
    expect(thrown(() => reader.end())).toBe(first);
    expect(records).toEqual([]);
  });

  it('says which root it found when the record path does not match the file', () => {
    expect(() => readAll('<rss><channel/></rss>', ['catalog', 'book'])).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/root element is <rss>/),
      }),
    );
  });
});
