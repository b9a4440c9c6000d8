/** One line of decoded text, as much of it as the splitter was told to keep. */
export interface SplitLine {
  /** 1-based. */
  number: number;
  /** The kept characters: the line's start, or (the focus line, when long) a stretch around the column. */
  text: string;
  /** Characters left out before and after `text`. */
  cutBefore: number;
  cutAfter: number;
  /** What ended the line: CRLF, LF, a lone CR, or '' for a last line without one. */
  terminator: '\r\n' | '\n' | '\r' | '';
}

/** How a {@link LineSplitter} splits and what it keeps of each line. */
export interface LineSplitterOptions {
  /** A carriage return alone ends a line (XML always; CSV with CR or mixed line ends). */
  loneCr: boolean;
  /** Characters kept of each line; the rest is counted, not held, so a line without end stays bounded. */
  keepChars: number;
  /** A line and 1-based column to keep in view when that line is longer than `keepChars`. */
  focus?: { line: number; column: number } | undefined;
}

/**
 * Splits decoded text, fed in chunks of any size, into numbered lines the way the CSV reader counts
 * them (skip-lines.ts): a line ends at LF, at CRLF, and at a lone CR when `loneCr` (a CR split from
 * its LF by a chunk boundary still makes one line end). Memory stays at `keepChars` per line.
 */
export class LineSplitter {
  private number = 1;
  private length = 0;
  private head: string[] = [];
  private headChars = 0;
  /** The focus line's stretch around its column: [windowFrom, windowFrom + keepChars). */
  private window: string[] = [];
  private windowFrom = -1;
  private pendingCr = false;

  constructor(private readonly options: LineSplitterOptions) {
    this.startLine();
  }

  /** Lines ended so far. */
  get linesEnded(): number {
    return this.number - 1;
  }

  /** Splits a chunk; `onLine` returns true to stop (the rest of the chunk is not looked at). */
  push(chunk: string, onLine: (line: SplitLine) => boolean | void): boolean {
    let at = 0;
    const length = chunk.length;
    if (this.pendingCr && length > 0) {
      this.pendingCr = false;
      if (chunk.charCodeAt(0) === LF) {
        at = 1;
        if (onLine(this.endLine('\r\n')) === true) return true;
      } else if (this.options.loneCr) {
        if (onLine(this.endLine('\r')) === true) return true;
      } else {
        this.append('\r', 0, 1);
      }
    }
    let nextCr = this.options.loneCr ? chunk.indexOf('\r', at) : -1;
    while (at < length) {
      const lf = chunk.indexOf('\n', at);
      if (nextCr !== -1 && nextCr < at) nextCr = chunk.indexOf('\r', at);
      // A lone CR (not right before the LF) ends a line when told; one at the chunk's end waits.
      if (nextCr !== -1 && (lf === -1 || nextCr < lf - 1)) {
        this.append(chunk, at, nextCr);
        at = nextCr + 1;
        if (at === length) {
          this.pendingCr = true;
          return false;
        }
        if (onLine(this.endLine('\r')) === true) return true;
        continue;
      }
      if (lf === -1) {
        // No line end in the rest: a CR at the very end may be the first half of a CRLF.
        if (chunk.charCodeAt(length - 1) === CR) {
          this.append(chunk, at, length - 1);
          this.pendingCr = true;
        } else {
          this.append(chunk, at, length);
        }
        return false;
      }
      const crlf = lf > at && chunk.charCodeAt(lf - 1) === CR;
      this.append(chunk, at, crlf ? lf - 1 : lf);
      at = lf + 1;
      if (onLine(this.endLine(crlf ? '\r\n' : '\n')) === true) return true;
    }
    return false;
  }

  /** Ends the text: a last line without a line end, if any. */
  end(onLine: (line: SplitLine) => boolean | void): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      if (this.options.loneCr) {
        onLine(this.endLine('\r'));
        return;
      }
      this.append('\r', 0, 1);
    }
    if (this.length > 0) onLine(this.endLine(''));
  }

  private startLine(): void {
    this.length = 0;
    this.head = [];
    this.headChars = 0;
    this.window = [];
    const focus = this.options.focus;
    // A column near or past the end of the kept start gets a stretch of its own, centred on it.
    this.windowFrom =
      focus && focus.line === this.number && focus.column > (this.options.keepChars * 3) / 4
        ? Math.max(0, focus.column - 1 - Math.floor(this.options.keepChars / 2))
        : -1;
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    const keep = this.options.keepChars;
    if (this.headChars < keep) {
      const piece = text.slice(from, Math.min(to, from + keep - this.headChars));
      this.head.push(piece);
      this.headChars += piece.length;
    }
    if (this.windowFrom !== -1) {
      // The part of [from, to) that falls in the window, in line positions.
      const start = Math.max(this.length, this.windowFrom);
      const end = Math.min(this.length + (to - from), this.windowFrom + keep);
      if (end > start) this.window.push(text.slice(from + start - this.length, from + end - this.length));
    }
    this.length += to - from;
  }

  private endLine(terminator: SplitLine['terminator']): SplitLine {
    const keep = this.options.keepChars;
    const long = this.length > keep && this.windowFrom !== -1 && this.windowFrom < this.length;
    const text = long ? this.window.join('') : this.head.join('');
    const cutBefore = long ? this.windowFrom : 0;
    const line: SplitLine = {
      number: this.number,
      text,
      cutBefore,
      cutAfter: this.length - cutBefore - text.length,
      terminator,
    };
    this.number += 1;
    this.startLine();
    return line;
  }
}

const LF = 10;
const CR = 13;
