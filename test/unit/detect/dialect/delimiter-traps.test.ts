import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../../../src-main/services/detect/dialect/detect-dialect';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';

// Issue 17, class 3: delimiters a person would not choose. Each file holds a character that splits
// its rows just as evenly as the real delimiter — spaces in text, colons in times, dots in decimals,
// pipes in paths or commands, commas in decimal-comma numbers, semicolons in lists — and must still
// be read with the delimiter its author used, every row to the header's width.

const REAL_WORLD = join(import.meta.dirname, '../../../fixtures/real-world-csv');

const TRAPS: { file: string; delimiter: string; trap: string }[] = [
  { file: 'comma-spacey-text.csv', delimiter: ',', trap: 'spaces in every cell' },
  { file: 'semicolon-spacey-addresses.csv', delimiter: ';', trap: 'spaces in every cell' },
  { file: 'comma-spacey-stray-quote.csv', delimiter: ',', trap: 'spaces, and a stray quote in row 2' },
  { file: 'comma-times.csv', delimiter: ',', trap: 'a colon in every time' },
  { file: 'comma-log-times.csv', delimiter: ',', trap: 'colons in times and in the text' },
  { file: 'comma-decimals.csv', delimiter: ',', trap: 'a dot in every decimal' },
  { file: 'comma-with-pipes.csv', delimiter: ',', trap: 'pipes in a path column' },
  { file: 'semicolon-decimal-comma.csv', delimiter: ';', trap: 'a decimal comma beside each semicolon' },
  { file: 'comma-with-semicolon-lists.csv', delimiter: ',', trap: 'a semicolon list in one column' },
];

describe('delimiter traps (real files)', () => {
  for (const { file, delimiter, trap } of TRAPS) {
    it(`${file} (${trap}) is read with ${JSON.stringify(delimiter)}, every row as wide as its header`, () => {
      const text = readFileSync(join(REAL_WORLD, file), 'utf8');
      const guess = detectDialect(text);
      expect(guess.delimiter).toBe(delimiter);
      // The runner-up is well behind: the choice is not a coin toss.
      expect(guess.candidates[1]!.score).toBeLessThan(guess.candidates[0]!.score / 2);
      const rows = parseCsvText(text, guess.delimiter);
      expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
    });
  }
});
