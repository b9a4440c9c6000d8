import { DELIMITERS, type Delimiter } from '../../../../src-shared/model/dialect';

// Excel's hint line: `sep=;` (some tools quote it, and Excel pads it with delimiters when it saves
// the file again: `sep=;;;`), alone on the first line.
const SEP_LINE = /^\uFEFF?"?sep=(.)"?([^\r\n]*)(\r\n|\n|\r|$)/i;

/**
 * Excel's `sep=X` first line: the delimiter it names and the length of the line with its line end,
 * or null. Excel takes the delimiter from it and does not show the line; so does Intake.
 */
export function readSepLine(text: string): { delimiter: Delimiter; length: number } | null {
  const match = SEP_LINE.exec(text);
  const delimiter = match?.[1] as Delimiter | undefined;
  if (!match || delimiter === undefined || !DELIMITERS.includes(delimiter)) return null;
  // Only padding may follow: more delimiters, or spaces.
  if (![...(match[2] ?? '')].every((char) => char === delimiter || char === ' ')) return null;
  return { delimiter, length: match[0].length };
}
