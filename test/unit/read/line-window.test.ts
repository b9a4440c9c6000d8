import { describe, expect, it } from 'vitest';
import {
  lineNumberTarget,
  readLineWindow,
  type LineWindowOptions,
} from '../../../src-main/services/read/line-window';

// The raw view's line reader over decoded text fed in chunks: line numbers, line ends, cutting,
// and where it stops. Every text is also fed split at every position, since a CR and its LF, or a
// line's end, may fall on either side of a read.

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

const OPTIONS: LineWindowOptions = { before: 2, after: 2, loneCr: false, displayChars: 400 };

async function around(text: string, line: number, options: Partial<LineWindowOptions> = {}, size = 7) {
  return readLineWindow(chunked(text, size), lineNumberTarget(line), { ...OPTIONS, ...options });
}

/** Every split of `text` into two chunks: what a read boundary at any position gives. */
async function everySplit(text: string, line: number, options: Partial<LineWindowOptions> = {}) {
  const results = [];
  for (let cut = 0; cut <= text.length; cut++) {
    async function* two() {
      yield text.slice(0, cut);
      yield text.slice(cut);
    }
    results.push(await readLineWindow(two(), lineNumberTarget(line), { ...OPTIONS, ...options }));
  }
  return results;
}

describe('readLineWindow', () => {
  it('numbers LF and CRLF lines alike and leaves the line ends out', async () => {
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const end of ['\n', '\r\n']) {
      const window = await around(lines.join(end) + end, 4);
      expect(window.target).toBe(4);
      expect(window.lines.map((line) => [line.number, line.text])).toEqual([
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
        [6, 'f'],
      ]);
    }
  });

  it('counts a CRLF split by a read as one line end, wherever the read ends', async () => {
    const text = 'one\r\ntwo\r\nthree\r\nfour\r\n';
    for (const window of await everySplit(text, 3)) {
      expect(window.lines.map((line) => `${line.number}:${line.text}`)).toEqual([
        '1:one',
        '2:two',
        '3:three',
        '4:four',
      ]);
    }
  });

  it('ends lines at a lone CR only when told (classic Mac line ends, XML)', async () => {
    const text = 'one\rtwo\r\nthree\rfour\n';
    for (const window of await everySplit(text, 3, { loneCr: true }))
      expect(window.lines.map((line) => `${line.number}:${line.text}`)).toEqual([
        '1:one',
        '2:two',
        '3:three',
        '4:four',
      ]);
    // A lone CR inside a CSV line with LF ends is text of that line.
    const kept = await around(text, 1, { loneCr: false });
    expect(kept.lines.map((line) => line.text)).toEqual(['one\rtwo', 'three\rfour']);
  });

  it('stops after the window: the rest of the text is never asked for', async () => {
    let asked = 0;
    async function* counted() {
      for (let line = 1; line <= 100_000; line++) {
        asked += 1;
        yield `line ${line}\n`;
      }
    }
    const window = await readLineWindow(counted(), lineNumberTarget(50), { ...OPTIONS, before: 5, after: 5 });
    expect(window.lines.map((line) => line.number)).toEqual([45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55]);
    expect(window.totalLines).toBeNull();
    expect(asked).toBe(55);
  });

  it('cuts a long line, keeping the column of an error in view', async () => {
    const long = 'x'.repeat(5000) + '<bad>' + 'y'.repeat(5000);
    const window = await around(
      `<a>\n${long}\n</a>\n`,
      2,
      { displayChars: 100, focus: { line: 2, column: 5001 } },
      333,
    );
    const line = window.lines.find((entry) => entry.number === 2)!;
    expect(line.text).toHaveLength(100);
    expect(line.text).toContain('<bad>');
    expect(line.cutBefore + line.text.length + line.cutAfter).toBe(long.length);
    expect(long.slice(line.cutBefore, line.cutBefore + 100)).toBe(line.text);
    // Other lines are cut from their start.
    const plain = await around(`${long}\nb\n`, 2, { displayChars: 100 }, 333);
    expect(plain.lines[0]).toMatchObject({
      number: 1,
      text: 'x'.repeat(100),
      cutBefore: 0,
      cutAfter: 10_005 - 100,
    });
  });

  it('says when the text ends before the line, with how many lines it has', async () => {
    const window = await around('a\nb\nc', 10);
    expect(window.target).toBeNull();
    expect(window.totalLines).toBe(3);
    expect(window.lines.map((line) => line.text)).toEqual(['b', 'c']);
  });

  it('shows a last line without a line end', async () => {
    const window = await around('a\nb\nc', 3);
    expect(window.lines.map((line) => `${line.number}:${line.text}`)).toEqual(['1:a', '2:b', '3:c']);
    expect(window.totalLines).toBe(3);
  });
});
