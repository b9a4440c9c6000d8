import type { RawLines } from '../../src-shared/model/raw-lines';

/**
 * The source's lines around a parse error, numbered as the error message numbers them, the line it
 * points at marked with `>` (and its column with `^`, for XML); a line cut to its shown part says
 * how much was left out.
 */
export function rawLinesText(raw: RawLines, column?: number): string {
  const width = String(raw.lines.at(-1)?.number ?? 1).length;
  const gutter = (mark: string, number: string) => `${mark} ${number.padStart(width)} | `;
  const lines = raw.lines.flatMap((line) => {
    const target = line.number === raw.target;
    const before = line.cutBefore ? `…(${line.cutBefore} characters) ` : '';
    const after = line.cutAfter ? ` …(${line.cutAfter} characters)` : '';
    const shown = `${gutter(target ? '>' : ' ', String(line.number))}${before}${line.text}${after}`;
    const at = column === undefined ? -1 : column - 1 - line.cutBefore;
    if (!target || at < 0 || at > line.text.length) return [shown];
    return [shown, `${gutter(' ', '')}${' '.repeat(before.length + at)}^`];
  });
  if (raw.target === null) lines.push('  (the source ends before the line the error names)');
  return lines.join('\n');
}
