import type { RawLine } from '../../../src-shared/model/raw-lines';
import { LineSplitter, type SplitLine } from './line-splitter';

/** Finds the line a window is centred on while lines go by. */
export interface LineTarget {
  /**
   * Told each line in order; answers the target's line number once it is known (this line or, for a
   * row whose end decides where it began, an earlier one), else null.
   */
  see(line: SplitLine): number | null;
}

/** A target that is a line number known in advance (an XML error's line). */
export function lineNumberTarget(number: number): LineTarget {
  return { see: (line) => (line.number === number ? number : null) };
}

export interface LineWindowOptions {
  /** Lines shown before and after the target. */
  before: number;
  after: number;
  loneCr: boolean;
  /** Characters of a line shown (a longer one is cut, around the focus column if it has one). */
  displayChars: number;
  /** Characters of each line the target needs to see (a row target parses whole lines); default displayChars. */
  keepChars?: number;
  focus?: { line: number; column: number } | undefined;
  /** Lines the target may decide late, after it (a stray quote read as text up to 1,000 lines on). */
  lateLines?: number;
}

/** The lines around the target, and what reading them found out. */
export interface LineWindow {
  lines: RawLine[];
  /** Null when the text ended before the target was found. */
  target: number | null;
  /** The text's line count when it was read to its end; null when reading stopped after the window. */
  totalLines: number | null;
}

/**
 * Reads decoded text up to the last line of the window around the target and stops there: a line
 * near the start of a 1 GB file costs a few reads, and memory stays at the window's lines. Lines
 * before the target are kept in a ring of `before` (+ `lateLines`) lines.
 */
export async function readLineWindow(
  chunks: AsyncIterable<string>,
  target: LineTarget,
  options: LineWindowOptions,
): Promise<LineWindow> {
  const splitter = new LineSplitter({
    loneCr: options.loneCr,
    keepChars: Math.max(options.keepChars ?? 0, options.displayChars),
    focus: options.focus,
  });
  const ringSize = options.before + 1 + (options.lateLines ?? 0);
  let ring: RawLine[] = [];
  let found: number | null = null;
  const onLine = (line: SplitLine): boolean => {
    ring.push(shown(line, options.displayChars));
    found ??= target.see(line);
    if (found === null) {
      if (ring.length > ringSize * 2) ring = ring.slice(-ringSize);
      return false;
    }
    return line.number >= found + options.after;
  };
  for await (const chunk of chunks) {
    if (splitter.push(chunk as string, onLine)) return window(ring, found, options, null);
  }
  let stopped = false;
  splitter.end((line) => (stopped = onLine(line)));
  return window(ring, found, options, stopped ? null : splitter.linesEnded);
}

function window(
  ring: RawLine[],
  target: number | null,
  options: LineWindowOptions,
  totalLines: number | null,
): LineWindow {
  if (target === null) return { lines: ring.slice(-options.before), target, totalLines };
  const lines = ring.filter(
    (line) => line.number >= target - options.before && line.number <= target + options.after,
  );
  return { lines, target, totalLines };
}

/** A line as shown: cut to `chars` from where the splitter kept it. */
function shown(line: SplitLine, chars: number): RawLine {
  const text = line.text.length > chars ? line.text.slice(0, chars) : line.text;
  return {
    number: line.number,
    text,
    cutBefore: line.cutBefore,
    cutAfter: line.cutAfter + (line.text.length - text.length),
  };
}
