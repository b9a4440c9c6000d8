import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  CORPUS,
  CORPUS_ENCODINGS,
  canRepresent,
  corpusCsv,
  corpusLanguage,
  legacyForm,
  toCsv,
  toWindows1258Form,
} from '../../../support/multilingual-corpus';

describe('multilingual corpus', () => {
  it('holds NFC text in at least 31 languages, several records each', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(31);
    for (const language of CORPUS) {
      expect(language.rows.length, language.name).toBeGreaterThanOrEqual(5);
      for (const field of [...language.header, ...language.rows.flat()])
        expect(field).toBe(field.normalize('NFC'));
    }
  });

  it.each([
    ['cs', ['cp1250', 'iso-8859-2']],
    ['ro', ['cp1250', 'iso-8859-2']],
    ['ru', ['cp1251']],
    ['el', ['cp1253']],
    ['tr', ['cp1254']],
    ['he', ['cp1255']],
    ['ar', ['cp1256']],
    ['lt', ['cp1257']],
    ['vi', ['cp1258']],
    ['de', ['cp1252', 'latin1']],
  ])('lists the code pages that serve %s, and every Unicode encoding', (code, codePages) => {
    expect(CORPUS_ENCODINGS[code]).toEqual(
      expect.arrayContaining(['utf-8', 'utf-16le', 'utf-16be', ...codePages]),
    );
  });

  it('lists only encodings that round-trip through iconv-lite', () => {
    for (const language of CORPUS) {
      const text = corpusCsv(language, ';');
      for (const encoding of CORPUS_ENCODINGS[language.code] ?? []) {
        const form = legacyForm(text, encoding);
        expect(iconv.decode(iconv.encode(form, encoding), encoding), `${language.code} ${encoding}`).toBe(
          form,
        );
      }
    }
    expect(CORPUS_ENCODINGS.ru).not.toContain('cp1252');
    expect(canRepresent('Čeština', 'latin1')).toBe(false);
  });

  it('writes Vietnamese for cp1258 with precomposed vowels and combining tone marks, canonically equivalent', () => {
    const text = 'Nguyễn Văn An, Hà Nội, cà phê sữa đá';
    const form = toWindows1258Form(text);
    expect(form).not.toBe(text);
    expect(form.normalize('NFC')).toBe(text);
    expect(form).toContain('ê\u0303'); // ễ: the code page has ê, the tilde is a combining mark
    expect(form).toContain('à'); // the code page has à precomposed
    expect(iconv.decode(iconv.encode(form, 'cp1258'), 'cp1258')).toBe(form);
  });

  it('quotes fields per RFC 4180 for any delimiter', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x;y', 'say "hi"'],
        ['line\nbreak', ' padded'],
      ],
      ';',
      { newline: '\n' },
    );
    expect(csv).toBe('a;b\n"x;y";"say ""hi"""\n"line\nbreak";" padded"\n');
    expect(toCsv(['a'], [['1.5']], '.', { finalNewline: false })).toBe('a\r\n"1.5"');
  });

  it('builds a language CSV with header and records', () => {
    const lines = corpusCsv(corpusLanguage('cs'), '\t', { rowCount: 2, newline: '\n' }).split('\n');
    expect(lines[0]).toBe('Jméno\tMěsto\tAdresa\tProdukt\tPoznámka');
    expect(lines).toHaveLength(4);
    expect(() => corpusLanguage('xx')).toThrow(/xx/);
  });
});
