import { cellType, isTypedValue, type CellType } from './cell-types';

// Rows of the body looked at: enough to know a column's type, cheap on wide samples.
const BODY_ROWS = 100;
// Share of a column's non-empty body cells that must be typed values for the column to count as typed.
const TYPED_COLUMN_SHARE = 0.8;
// Column names are short; longer first-row cells are more likely data or a title.
const MAX_NAME_LENGTH = 40;
const MAX_NAME_WORDS = 5;
// Letters first, then what column names are made of: "customer_id", "Unit Price (EUR)", "% change", "e-mail".
const NAME = /^[\p{L}_#%][\p{L}\p{N}\p{M} _.\-()/#%&?'’[\]]*$/u;

/**
 * Whether row 1 holds column names. Platform imports assume a header row, so the answer is true unless the
 * rows argue against it:
 * 1. Typed columns decide first. For each column whose body is mostly typed values (numbers, dates, times,
 *    booleans, ...), a first-row cell of the column's own kind of value votes "data" (42 above numbers)
 *    and any other cell votes "header": text ("amount" above numbers), or a value of another kind ("n",
 *    read as a boolean, above numbers; as Python's csv.Sniffer, a type change marks a header). Empty
 *    first-row cells do not vote. The majority wins; a tie keeps the header.
 * 2. When every column is text, row 1 is a header if its cells look like names: short, starting with a
 *    letter, few words, and not repeated as values further down the same column.
 */
export function detectHeader(rows: string[][]): boolean {
  const filled = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = filled[0];
  const body = filled.slice(1, BODY_ROWS + 1);
  if (header === undefined || body.length === 0) return true;
  const names = header.map((cell) => cell.trim());

  let votesHeader = 0;
  let votesData = 0;
  for (let column = 0; column < names.length; column++) {
    const name = names[column] ?? '';
    if (name === '') continue;
    const kind = typedKindOf(body, column);
    if (kind === null) continue;
    const type = cellType(name);
    if (isTypedValue(type) && kindOf(type) === kind) votesData++;
    else votesHeader++;
  }
  if (votesHeader + votesData > 0) return votesHeader >= votesData;
  return looksLikeNames(names, body);
}

/** Kinds of value a header cell is compared by: amounts are one kind, so are dates and times. */
export function kindOf(type: CellType | null): string | null {
  if (type === 'number' || type === 'percent' || type === 'currency') return 'amount';
  if (type === 'date' || type === 'datetime') return 'date';
  return type;
}

/**
 * The kind of value a body column holds when most of its non-empty cells are typed values (the most
 * common kind among them), else null.
 */
export function typedKindOf(body: readonly string[][], column: number): string | null {
  let values = 0;
  let typed = 0;
  const kinds = new Map<string, number>();
  for (const row of body) {
    const cell = row[column]?.trim() ?? '';
    if (cell === '') continue;
    values++;
    const type: CellType | null = cellType(cell);
    if (!isTypedValue(type)) continue;
    typed++;
    const kind = kindOf(type) as string;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  if (values === 0 || typed / values < TYPED_COLUMN_SHARE) return null;
  return [...kinds].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The all-text case: do the first-row cells read like column names rather than like another record? */
function looksLikeNames(names: readonly string[], body: readonly string[][]): boolean {
  const nonEmpty = names.filter((name) => name !== '');
  if (nonEmpty.length === 0) return false;
  // A repeated name is no proof of data: real headers repeat names and leave some out
  // (`id,,name,name,,id,`; the preview then warns about both). A record that repeats a value
  // ("yes, yes, no") is caught by its values reappearing below, checked next.
  // A value that reappears below in its own column is data, not the column's name.
  for (let column = 0; column < names.length; column++) {
    const name = names[column];
    if (name === undefined || name === '') continue;
    if (body.some((row) => row[column]?.trim() === name)) return false;
  }
  const nameLike = nonEmpty.filter(
    (name) => name.length <= MAX_NAME_LENGTH && name.split(/\s+/).length <= MAX_NAME_WORDS && NAME.test(name),
  );
  // Unsure (e.g. free-text first row) stays with the platform's default: a header.
  return nameLike.length * 2 >= nonEmpty.length;
}
