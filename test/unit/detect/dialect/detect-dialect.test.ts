import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { DELIMITERS, DELIMITER_NAMES } from '../../../../src-shared/model/dialect';
import { mixedRows, writeTable } from './generate-table';

describe('detectDialect', () => {
  for (const delimiter of DELIMITERS) {
    it(`detects ${DELIMITER_NAMES[delimiter]} on a clean file with quoted delimiters, quotes and line breaks`, () => {
      const guess = detectDialect(writeTable(mixedRows(), delimiter));
      expect(guess.delimiter).toBe(delimiter);
      expect(guess.newline).toBe('\n');
      expect(guess.confidence).toBeGreaterThan(0.5);
      expect(guess.candidates[0]?.delimiter).toBe(delimiter);
      expect(guess.candidates).toHaveLength(DELIMITERS.length);
    });
  }

  it('ranks candidates best first with scores between 0 and 1', () => {
    const { candidates } = detectDialect(writeTable(mixedRows(), ';'));
    const scores = candidates.map((candidate) => candidate.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
  });

  it('reads CRLF from the first line break outside quotes, not the one inside a quoted field', () => {
    const text = 'id,note\r\n1,"line one\nline two"\r\n2,plain\r\n';
    expect(detectDialect(text).newline).toBe('\r\n');
    const quotedFirst = 'id,note\n1,"line one\r\nline two"\n2,plain\n';
    expect(detectDialect(quotedFirst).newline).toBe('\n');
    expect(detectDialect(writeTable(mixedRows(), '\t', '\r\n'))).toMatchObject({
      delimiter: '\t',
      newline: '\r\n',
    });
  });

  it('answers comma with low confidence for a single-column file, and does not crash on nothing', () => {
    for (const text of [
      'name\nAlice\nBob\nCarol\n',
      'day\n2024-01-02\n2024-01-03\n',
      'x\n1.5\n2.25\n',
      '',
      '\n\n',
    ]) {
      const guess = detectDialect(text);
      expect(guess.delimiter).toBe(',');
      expect(guess.confidence).toBeLessThanOrEqual(0.2);
    }
  });

  it('keeps a one-column file of codes with dashes, dots, colons or spaces as one column', () => {
    for (const codes of [
      'voucher_code\nSPRING-2\nSPRING-4\nSUMMER-10\n',
      'code\nA.1\nB.22\nC.3\n',
      'slot\n10:30\nAB:12\nXY:1\n',
      'full_name\nJana Novak\nPeter Smith\nMaria Garcia\n',
    ]) {
      expect(detectDialect(codes).delimiter, codes).toBe(',');
    }
    // A header that holds the delimiter is a real dash-delimited file.
    expect(detectDialect('code-pool\nSPRING-a\nSUMMER-b\nAUTUMN-c\n').delimiter).toBe('-');
  });

  it('ignores the cut last record of a truncated sample', () => {
    const full = writeTable(mixedRows(40), '|');
    // Cut inside the quoted multi-line note of a later row, and in the middle of a plain line.
    const insideQuotes = full.slice(0, full.lastIndexOf('and a new line') - 3);
    const midLine = full.slice(0, full.length - 7);
    for (const sample of [insideQuotes, midLine]) {
      const guess = detectDialect(sample, { isComplete: false });
      expect(guess.delimiter).toBe('|');
      expect(guess.confidence).toBeGreaterThan(0.5);
    }
  });

  it('is not fooled by values that contain other delimiters', () => {
    // Decimals (dot), dates and negative numbers (dash), times (colon) in a comma file.
    const comma =
      'when,start,delta,rate\n2024-01-02,08:30,-15,1.5\n2024-01-03,09:45,-3,2.25\n2024-01-04,10:00,7,0.75\n';
    expect(detectDialect(comma).delimiter).toBe(',');
    // Decimal commas in a semicolon file.
    const semicolon = 'Datum;Betrag;Saldo\n02.01.2024;-850,00;1.234,56\n03.01.2024;2.500,00;3.734,56\n';
    expect(detectDialect(semicolon).delimiter).toBe(';');
    // Multi-word text in a comma file.
    const prose = 'id,title\n1,The quick brown fox\n2,Jumps over\n3,The lazy dog today\n';
    expect(detectDialect(prose).delimiter).toBe(',');
  });

  it('reads space-aligned columns padded with runs of spaces', () => {
    const aligned =
      'name     qty   price\nbolts     12    0.10\nwashers  400    0.02\nnuts       7    0.05\n';
    expect(detectDialect(aligned).delimiter).toBe(' ');
  });
});
