import { describe, expect, it } from 'vitest';
import { IntakeError } from '../../../../src-shared/errors';
import { detectXmlLayout } from '../../../../src-main/services/read/xml/detect-records';
import { createXmlRecordReader } from '../../../../src-main/services/read/xml/read-records';
import { readAll, thrown, xmlFixture } from './xml-test-helpers';

describe('XML that Intake refuses', () => {
  it('fails fast on billion laughs with a clear error, expanding nothing', () => {
    const started = performance.now();
    const error = thrown(() => readAll(xmlFixture('billion-laughs.xml'), ['lolz', 'row']));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ code: 'PARSE', details: { line: 2, reason: 'entity-declaration' } });
    expect((error as Error).message).toBe(
      'XML declares entities (DOCTYPE at line 2); Intake does not expand entities, ' +
        'to keep billion-laughs and external-entity attacks out',
    );
  });

  it('refuses billion laughs in preview detection too', () => {
    expect(() => detectXmlLayout(xmlFixture('billion-laughs.xml'))).toThrow(/declares entities/);
  });

  it('refuses an external entity (XXE) without reading the file it names', () => {
    const error = thrown(() => readAll(xmlFixture('external-entity.xml'), ['catalog', 'book']));
    expect(error).toMatchObject({ code: 'PARSE', message: expect.stringMatching(/declares entities/) });
    expect((error as Error).message).not.toContain('root:');
  });

  it('refuses a DOCTYPE pointing at an external DTD, even in chunks', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE catalog SYSTEM "http://evil.example/x.dtd">\n<catalog/>';
    const error = thrown(() => readAll(xml.match(/.{1,5}/gs) ?? [], ['catalog', 'book']));
    expect(error).toMatchObject({ code: 'PARSE', details: { line: 2, reason: 'external-dtd' } });
  });

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
