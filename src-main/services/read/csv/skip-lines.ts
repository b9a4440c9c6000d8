const LF = 10;
const CR = 13;

/**
 * Where the table starts after `lines` lines of text (a `sep=` line, a preamble of titles and
 * notes, blank lines): a line ends at LF, at CRLF, and at a lone CR when `loneCr`. Returns the
 * text's length when it has fewer lines.
 */
export function skipTextLines(text: string, lines: number, loneCr: boolean): number {
  let at = 0;
  for (let left = lines; left > 0 && at < text.length;) {
    const code = text.charCodeAt(at++);
    if (code === LF) left--;
    else if (code === CR && (text.charCodeAt(at) === LF || loneCr)) {
      if (text.charCodeAt(at) === LF) at++;
      left--;
    }
  }
  return at;
}

/**
 * The same for a byte stream read in pieces (staging): `skip` returns where the table starts in
 * each piece (the piece's length while lines are still being skipped), carrying a CR at the end of
 * one piece over to an LF at the start of the next.
 */
export class LineSkipper {
  private afterCr = false;

  constructor(
    private left: number,
    private readonly loneCr: boolean,
  ) {}

  get done(): boolean {
    return this.left === 0 && !this.afterCr;
  }

  skip(bytes: Uint8Array): number {
    let at = 0;
    if (this.afterCr) {
      this.afterCr = false;
      if (bytes[0] === LF) at = 1;
      else if (!this.loneCr) {
        // A CR not followed by LF does not end a line here: the line goes on.
        this.left++;
      }
    }
    while (this.left > 0 && at < bytes.length) {
      const code = bytes[at++];
      if (code === LF) this.left--;
      else if (code === CR) {
        if (at === bytes.length) {
          // CRLF split over two pieces (or a lone CR): decided by the next piece's first byte.
          this.left--;
          this.afterCr = true;
        } else if (bytes[at] === LF) {
          at++;
          this.left--;
        } else if (this.loneCr) this.left--;
      }
    }
    return at;
  }
}
