/**
 * Cell type patterns for dialect and header detection, after CleverCSV's type detector
 * (van den Burg et al., 2019): a sample split with the right delimiter yields cells of recognisable types,
 * a wrong split yields fragments ("2024", "01,5") that match none.
 */

/** The kinds of value a cell can hold; null from {@link cellType} means "none we know". */
export type CellType =
  | 'empty'
  | 'number'
  | 'percent'
  | 'currency'
  | 'date'
  | 'time'
  | 'datetime'
  | 'url'
  | 'email'
  | 'ipv4'
  | 'path'
  | 'boolean'
  | 'missing'
  | 'text';

/** Options for {@link cellType}. */
export interface CellTypeOptions {
  /**
   * Whether numbers may contain commas (decimal comma, thousands separators). Off when judging a split on
   * dot, colon or dash: those cut "1.5,2.5", "12:30,5" or "2024-01-02,5" into fake decimal-comma numbers,
   * while real files delimited by them do not write numbers with commas.
   */
  commaNumbers: boolean;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const NUMBER_DOT_THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const NUMBER_SPACE_THOUSANDS = /^[+-]?\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d+)?$/;
const NUMBER_DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

const CURRENCY_BEFORE = /^[+-]?\p{Sc}\s?([\d.,' \u00a0]+)$/u;
const CURRENCY_AFTER = /^([+-]?[\d.,' \u00a0]+)\s?\p{Sc}$/u;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MON = '(?:0?[1-9]|1[0-2])';
const DATES = [
  new RegExp(`^\\d{4}([-/.])${MON}\\1${DAY}$`),
  // d/m/y and m/d/y look alike; both days and months fit DAY.
  new RegExp(`^${DAY}([-/.])${DAY}\\1(?:\\d{4}|\\d{2})$`),
  new RegExp(`^${DAY}[-/ ]?${MONTH}[-/ ]?(?:\\d{4}|\\d{2})$`, 'i'),
  new RegExp(`^\\d{4}([-/.])${MON}$`),
  new RegExp(`^\\d{4}年${MON}月${DAY}日$`),
];
// "Jan 2, 2024": checked apart, as it starts with a letter.
const DATE_MONTH_FIRST = new RegExp(`^${MONTH} ${DAY},? \\d{4}$`, 'i');
const TIME = /^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?$/;
const TIME_WITH_ZONE = /^(.*?)(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?|\s?(?:UTC|GMT))$/;

const URL = /^(?:(?:https?|ftp):\/\/[^\s"<>]+|www\.[^\s"<>,;|]+)$/i;
const DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}(?:\/[^\s"<>,;|]*)?$/u;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$/;
const PATH = /^(?:[~.]?(?:\/[\w.-]+)+\/?|[A-Za-z]:\\[\w\\. -]*)$/;
const BOOLEAN = /^(?:true|false|yes|no|t|f|y|n|on|off)$/i;
const MISSING = /^(?:n\/a|#n\/a|na|nan|null|none|nil|-|--|\?|\.|#value!|#ref!|#div\/0!)$/i;
// Words and identifiers: at least one letter, then letters, digits, spaces and the punctuation found inside
// names ("O'Brien", "R&D", "A/B", "Dr."). Commas, semicolons, colons, pipes, tildes, tabs and quotes are left
// out: unquoted inside a cell they usually mean the sample was split on the wrong character.
const TEXT = /^(?=[^\p{L}]*\p{L})[\p{L}\p{M}\p{N} _\-.'’()&/+#!?*@°]+$/u;

/** Classifies one cell (surrounding whitespace ignored); null when it fits no known type. */
export function cellType(raw: string, options: CellTypeOptions = { commaNumbers: true }): CellType | null {
  const cell = raw.trim();
  if (cell === '') return 'empty';
  const first = cell.charCodeAt(0);
  const startsNumeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (startsNumeric) {
    if (isNumber(cell, options)) return 'number';
    if (cell.endsWith('%') && isNumber(cell.slice(0, -1).trimEnd(), options)) return 'percent';
    if (isDate(cell)) return 'date';
    if (TIME.test(cell)) return 'time';
    if (isDateTime(cell)) return 'datetime';
    if (IPV4.test(cell)) return 'ipv4';
  }
  if (DATE_MONTH_FIRST.test(cell)) return 'date';
  if (isCurrency(cell, options)) return 'currency';
  if (MISSING.test(cell)) return 'missing';
  if (BOOLEAN.test(cell)) return 'boolean';
  if (EMAIL.test(cell)) return 'email';
  if (URL.test(cell)) return 'url';
  if (PATH.test(cell)) return 'path';
  if (TEXT.test(cell)) return cell.includes('.') && DOMAIN.test(cell) ? 'url' : 'text';
  return null;
}

/** Whether a cell type is a typed value (as opposed to free text, empties and placeholders). */
export function isTypedValue(type: CellType | null): boolean {
  return type !== null && type !== 'text' && type !== 'empty' && type !== 'missing';
}

function isNumber(cell: string, options: CellTypeOptions): boolean {
  if (NUMBER.test(cell)) return true;
  if (NUMBER_SPACE_THOUSANDS.test(cell)) return options.commaNumbers || !cell.includes(',');
  if (NUMBER_DOT_THOUSANDS.test(cell)) return options.commaNumbers || !cell.includes(',');
  if (!options.commaNumbers) return false;
  return NUMBER_COMMA_THOUSANDS.test(cell) || NUMBER_DECIMAL_COMMA.test(cell);
}

function isCurrency(cell: string, options: CellTypeOptions): boolean {
  const match = CURRENCY_BEFORE.exec(cell) ?? CURRENCY_AFTER.exec(cell);
  const amount = match?.[1]?.trim();
  return amount !== undefined && isNumber(amount.replace(/^[+-]/, ''), options);
}

function isDate(cell: string): boolean {
  return DATES.some((pattern) => pattern.test(cell));
}

/** "date time" or ISO "dateTtime", with an optional zone (Z, +01:00, -0500, UTC). */
function isDateTime(cell: string): boolean {
  const sep = cell.search(/[T ]/);
  if (sep < 0 || !isDate(cell.slice(0, sep))) return false;
  const rest = cell.slice(sep + 1).trim();
  if (TIME.test(rest)) return true;
  const zoned = TIME_WITH_ZONE.exec(rest);
  return zoned?.[1] !== undefined && TIME.test(zoned[1].trim());
}
