import { describe, expect, it } from 'vitest';
import { LineSkipper, skipTextLines } from '../../../../src-main/services/read/csv/skip-lines';

// The lines before a table (a sep= line, a preamble) are skipped the same way in the preview's text
// and in staging's byte pieces, wherever the pieces are cut — a CRLF split over two pieces too.

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Where the table starts when `text` arrives cut into pieces at `cuts` (byte offsets), as staging reads it. */
function startInPieces(text: string, lines: number, loneCr: boolean, cuts: number[]): number {
  const skipper = new LineSkipper(lines, loneCr);
  const edges = [0, ...cuts, text.length];
  for (let at = 0; at + 1 < edges.length; at++) {
    const start = skipper.skip(bytes(text.slice(edges[at], edges[at + 1])));
    if (skipper.done) return edges[at]! + start;
  }
  return text.length;
}

describe('skipping the lines before a table', () => {
  const cases: [string, string, number, boolean, number][] = [
    ['LF', 'sep=;\nTitle\nid;v\n1;2\n', 2, false, 'sep=;\nTitle\n'.length],
    ['CRLF', 'sep=;\r\nTitle\r\nid;v\r\n', 2, false, 'sep=;\r\nTitle\r\n'.length],
    ['lone CR', 'Title\rNotes\rid,v\r1,2\r', 2, true, 'Title\rNotes\r'.length],
    ['blank lines count', 'Title\n\n\nid,v\n', 3, false, 'Title\n\n\n'.length],
    ['a CR inside a line without lone CRs', 'Ti\rtle\nid,v\n', 1, false, 'Ti\rtle\n'.length],
  ];

  it.each(cases)('%s: in one text', (_, text, lines, loneCr, expected) => {
    expect(skipTextLines(text, lines, loneCr)).toBe(expected);
  });

  it.each(cases)('%s: in byte pieces cut anywhere, the same start', (_, text, lines, loneCr, expected) => {
    for (let cut = 1; cut < text.length; cut++) {
      expect(startInPieces(text, lines, loneCr, [cut]), `cut at ${cut}`).toBe(expected);
    }
  });

  it('reads a CRLF split over two pieces as one line end', () => {
    const skipper = new LineSkipper(1, true);
    expect(skipper.skip(bytes('Title\r'))).toBe(6);
    expect(skipper.done).toBe(false);
    expect(skipper.skip(bytes('\nid,v\n'))).toBe(1);
    expect(skipper.done).toBe(true);
  });

  it('stops at the end of a text with fewer lines', () => {
    expect(skipTextLines('only one line', 3, false)).toBe('only one line'.length);
  });
});
