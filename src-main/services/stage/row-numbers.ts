/**
 * Data rows are numbered as the source's viewer numbers them: row 0 is `firstRowNumber`, and each
 * row after is one more — except where the source skipped rows a dataset does not keep (an Excel
 * sheet's blank rows, a second workbook of a storage run starting again at its own row 2). Those
 * places are kept as gaps: from data row `index` on, numbers are `extra` more than the count says.
 */
export interface RowNumbering {
  firstRowNumber: number;
  /** [data row index, extra] pairs in index order; absent when numbering is unbroken. */
  rowGaps?: [number, number][];
}

/**
 * A function from data row index to row number: a moving pointer for the usual ascending walk
 * (every row of a run), a binary search for anything else.
 */
export function rowNumberer(numbering: RowNumbering): (index: number) => number {
  const { firstRowNumber } = numbering;
  const gaps = numbering.rowGaps ?? [];
  if (gaps.length === 0) return (index) => index + firstRowNumber;
  let at = -1;
  return (index) => {
    if (at >= 0 && index < gaps[at]![0]) at = lastGapAtOrBefore(gaps, index);
    while (at + 1 < gaps.length && gaps[at + 1]![0] <= index) at += 1;
    return index + firstRowNumber + (at >= 0 ? gaps[at]![1] : 0);
  };
}

function lastGapAtOrBefore(gaps: readonly [number, number][], index: number): number {
  let low = 0;
  let high = gaps.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (gaps[middle]![0] <= index) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
