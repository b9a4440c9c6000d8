/**
 * Rows with each merged range's value spread over the range's cells. Excel keeps a merged cell's
 * value in its top-left cell only, so a group label over three columns reads as one label and two
 * blanks; spread, it names all three. Used on the header rows only: the staged data rows keep
 * their blanks, as a CSV export of the sheet would.
 */
export function spreadMerges(
  rows: readonly string[][],
  rowNumbers: readonly number[],
  merges: readonly string[] | null,
): string[][] {
  const spread = rows.map((row) => [...row]);
  if (!merges || merges.length === 0) return spread;
  const indexOfRow = new Map(rowNumbers.map((number, index) => [number, index]));
  for (const ref of merges) {
    const range = parseRange(ref);
    if (!range) continue;
    const top = indexOfRow.get(range.top);
    if (top === undefined) continue;
    const value = spread[top]![range.left] ?? '';
    if (value === '') continue;
    for (let number = range.top; number <= range.bottom; number++) {
      const row = spread[indexOfRow.get(number) ?? -1];
      if (!row) continue;
      for (let column = range.left; column <= range.right && column < row.length; column++) {
        if (row[column] === '') row[column] = value;
      }
    }
  }
  return spread;
}

/** Whether any merged range starts on sheet row `rowNumber` and spans columns. */
export function mergesAcross(merges: readonly string[] | null, rowNumber: number): boolean {
  return (merges ?? []).some((ref) => {
    const range = parseRange(ref);
    return range !== null && range.top === rowNumber && range.right > range.left;
  });
}

/** "B3:C4" as 0-based columns and 1-based rows. */
function parseRange(ref: string): { left: number; right: number; top: number; bottom: number } | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(ref.replaceAll('$', ''));
  if (!match) return null;
  return {
    left: columnIndex(match[1]!),
    top: Number(match[2]),
    right: columnIndex(match[3]!),
    bottom: Number(match[4]),
  };
}

function columnIndex(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}
