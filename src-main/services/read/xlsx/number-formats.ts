import { civilFromDays } from '../../../../src-shared/values/civil-time';

/**
 * Excel keeps dates as numbers (days since 1900 or 1904) and says they are dates only through the
 * cell's number format. This tells which formats show a date, a time or both, and turns a serial
 * into the ISO text Intake's types read — so a date cell stays a date, and a number cell whose
 * text a locale could misread ("6.1") stays a number.
 */

/** What a number format shows: a date, a time of day, both, or a plain number (null). */
export type DateKind = 'date' | 'datetime' | 'time' | null;

/** Built-in format ids (ECMA-376 §18.8.30, plus the East Asian ones Excel uses) that are dates or times. */
const BUILT_IN: Record<number, DateKind> = {
  14: 'date',
  15: 'date',
  16: 'date',
  17: 'date',
  18: 'time',
  19: 'time',
  20: 'time',
  21: 'time',
  22: 'datetime',
  27: 'date',
  28: 'date',
  29: 'date',
  30: 'date',
  31: 'date',
  32: 'time',
  33: 'time',
  34: 'time',
  35: 'time',
  36: 'date',
  45: 'time',
  46: 'time',
  47: 'time',
  50: 'date',
  51: 'date',
  52: 'date',
  53: 'date',
  54: 'date',
  55: 'time',
  56: 'time',
  57: 'date',
  58: 'date',
};

/** The kind of a built-in format id, or of a custom format code when one is defined. */
export function dateKindOf(id: number, code: string | undefined): DateKind {
  if (code !== undefined) return dateKindOfCode(code);
  return BUILT_IN[id] ?? null;
}

/**
 * The kind of a custom format code, from its first section: quoted text, backslash-escaped
 * characters, colours and conditions in brackets do not count (`0.00 "d."` is a number), but
 * elapsed-time brackets (`[h]:mm`) do; `m` is a month unless it stands with hours or seconds.
 */
export function dateKindOfCode(code: string): DateKind {
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  // "General" and "@" (text) have no date letters but would trip on e, g, a, l.
  if (bare.includes('general') || bare.trim() === '@') return null;
  const hasDate = /[yde]/.test(bare);
  const hasTime = /[hs]/.test(bare) || /am\/pm|a\/p/.test(bare);
  const hasM = bare.includes('m');
  if (hasDate) return hasTime ? 'datetime' : 'date';
  if (hasTime) return 'time';
  return hasM ? 'date' : null;
}

const DAY_MS = 86_400_000;
/** 1899-12-30 and 1904-01-01 in ms since the UNIX epoch. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** The most bytes `writeSerial` writes: `YYYY-MM-DDTHH:MM:SS.mmm`. */
export const SERIAL_TEXT_BYTES = 23;
const scratch = Buffer.alloc(SERIAL_TEXT_BYTES);

/**
 * A date serial as ISO text: `2024-06-01` for a date at midnight, `2024-06-01T13:45:30` with a
 * time (and `.250` only when there are milliseconds), `13:45:30` for a time of day. Wall-clock
 * values without a zone, as Excel keeps them; the import's time zone setting applies. Returns null
 * for a serial no calendar date has (negative, or past year 9999).
 */
export function serialToText(
  serial: number,
  kind: Exclude<DateKind, null>,
  date1904: boolean,
): string | null {
  const end = writeSerial(serial, kind, date1904, scratch, 0);
  return end === -1 ? null : scratch.toString('latin1', 0, end);
}

/**
 * Writes serialToText's text as ASCII into `out` at `at` (which has SERIAL_TEXT_BYTES of room) and
 * returns where it ends, or -1 for a serial no calendar date has. Staging writes millions of dates
 * straight into its CSV this way, with no Date object or string for each.
 */
export function writeSerial(
  serial: number,
  kind: Exclude<DateKind, null>,
  date1904: boolean,
  out: Buffer,
  at: number,
): number {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return -1;
  if (kind === 'time' && serial < 1) return writeTime(Math.round(serial * DAY_MS), out, at);
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60, Lotus's bug): serials
  // before it are one day later than the 1899-12-30 epoch says.
  const days = !date1904 && serial < 61 ? serial + 1 : serial;
  const ms = Math.round(days * DAY_MS) + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const timeOfDay = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  let end = writeCivilDate((ms - timeOfDay) / DAY_MS, out, at);
  if (kind === 'date' && timeOfDay === 0) return end;
  out[end++] = 0x54; // T
  return writeTime(timeOfDay, out, end);
}

/** Days since 1970-01-01 as YYYY-MM-DD (civil-time.ts does the calendar). */
function writeCivilDate(days: number, out: Buffer, at: number): number {
  const date = civilFromDays(days);
  at = digits(Math.floor(date / 10_000), 4, out, at);
  out[at++] = 0x2d;
  at = digits(Math.floor(date / 100) % 100, 2, out, at);
  out[at++] = 0x2d;
  return digits(date % 100, 2, out, at);
}

/** A time of day in ms as HH:MM:SS, with .mmm only when there are milliseconds. */
function writeTime(ms: number, out: Buffer, at: number): number {
  const seconds = Math.floor(ms / 1000) % 86_400;
  const millis = ms % 1000;
  at = digits(Math.floor(seconds / 3600), 2, out, at);
  out[at++] = 0x3a;
  at = digits(Math.floor(seconds / 60) % 60, 2, out, at);
  out[at++] = 0x3a;
  at = digits(seconds % 60, 2, out, at);
  if (millis === 0) return at;
  out[at++] = 0x2e;
  return digits(millis, 3, out, at);
}

/** `value` as exactly `width` decimal digits (zero-padded). */
function digits(value: number, width: number, out: Buffer, at: number): number {
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  return at + width;
}
