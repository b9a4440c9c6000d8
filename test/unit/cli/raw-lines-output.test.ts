import { describe, expect, it } from 'vitest';
import type { RawLines } from '../../../src-shared/model/raw-lines';
import { rawLinesText } from '../../../src-main/cli/raw-lines-output';

const raw = (lines: RawLines['lines'], target: number | null): RawLines => ({
  format: 'xml',
  dialect: { encoding: 'utf-8', delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: true },
  detected: { encoding: 'utf-8', delimiter: null },
  lines,
  target,
  row: null,
  totalLines: null,
  bytesRead: 100,
});
const line = (number: number, text: string, cutBefore = 0, cutAfter = 0) => ({
  number,
  text,
  cutBefore,
  cutAfter,
});

describe('rawLinesText', () => {
  it('numbers the lines to one width and marks the target line and its column', () => {
    const text = rawLinesText(raw([line(9, '<a>'), line(10, '<b></c>'), line(11, '</a>')], 10), 6);
    expect(text.split('\n')).toEqual(['   9 | <a>', '> 10 | <b></c>', '     |      ^', '  11 | </a>']);
  });

  it('says what a long line left out, and keeps the caret on the shown part', () => {
    const text = rawLinesText(raw([line(1, 'abcdef', 394, 20)], 1), 397);
    const [shown, caret] = text.split('\n');
    expect(shown).toBe('> 1 | …(394 characters) abcdef …(20 characters)');
    // Column 397 is the third character shown: under the "c".
    expect(caret!.indexOf('^')).toBe(shown!.indexOf('abcdef') + 2);
  });

  it('puts no caret when the column is outside the shown part, and says when the source ended first', () => {
    expect(rawLinesText(raw([line(1, 'abc', 10, 0)], 1), 3)).toBe('> 1 | …(10 characters) abc');
    expect(rawLinesText(raw([line(1, 'abc')], null))).toBe(
      '  1 | abc\n  (the source ends before the line the error names)',
    );
  });
});
