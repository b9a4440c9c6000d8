import { formatBytes } from '../../src-shared/limits';

/**
 * Every date, time and number the renderer shows goes through here, in the user's locale: the
 * regional format the host reports (Electron: the system locale, which can differ from the app's UI
 * language, e.g. English UI with Czech regional settings, while Chromium's own default follows the
 * UI language), else the browser's languages (web host). Values shown as data in the mapping grid
 * are the file's text and never come here.
 */

/** The locales in use, most preferred first; undefined until set: the runtime's default. */
let locales: string[] | undefined;
/** Formatters are costly to build: one per kind, rebuilt when the locales change. */
let cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/**
 * Chooses the locales to format in: the host's when it reports any, else the browser's. Tags the
 * Intl API would refuse (`C`, `en_US.UTF-8` spelled wrongly) are left out, so a bad one never
 * breaks every formatted value.
 */
export function setDisplayLocales(
  hostLocales: readonly string[],
  browserLocales: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): void {
  const valid = (hostLocales.length ? hostLocales : browserLocales).filter(isLocaleTag);
  locales = valid.length ? [...new Set(valid)] : undefined;
  cache = new Map();
}

/** The locale values are formatted in (as Intl resolved it), for `lang` attributes and tests. */
export function displayLocale(): string {
  return dateTimeFormat().resolvedOptions().locale;
}

function isLocaleTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

const DATE_PARTS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric' };
const TIME_PARTS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

const dateTimeFormat = () =>
  cached('datetime', () => new Intl.DateTimeFormat(locales, { ...DATE_PARTS, ...TIME_PARTS }));

/** A count with the locale's digit grouping (12,345 · 12 345 · 12.345). */
export function formatCount(count: number): string {
  return cached('count', () => new Intl.NumberFormat(locales)).format(count);
}

/**
 * A stored number in full: every digit it has (no rounding to three decimals) and the locale's
 * decimal separator (2995.74 · 2995,74), without grouping: a stored number is as often a year, a
 * code or an ID (2026, 12345678) as an amount, and grouping would change how those read.
 */
export function formatNumber(value: number): string {
  return cached(
    'number',
    () => new Intl.NumberFormat(locales, { maximumFractionDigits: 20, useGrouping: false }),
  ).format(value);
}

/** A measurement with a fixed number of decimals (2.5 s · 2,5 s). */
export function formatDecimal(value: number, fractionDigits: number): string {
  return cached(
    `decimal${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locales, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value);
}

/** A size in bytes, KB, MB… with the locale's decimal separator (1.5 MB · 1,5 MB). */
export function formatSize(bytes: number): string {
  return formatBytes(bytes, formatDecimal);
}

/**
 * A stored ISO timestamp as a local date-time with seconds. The host keeps microseconds, which
 * Date cannot hold and only parses leniently, so the fraction is cut to milliseconds first; a text
 * that still does not parse is shown as it is rather than as "Invalid Date".
 */
export function formatDateTime(iso: string): string {
  const time = Date.parse(toMillis(iso));
  return Number.isNaN(time) ? iso : dateTimeFormat().format(time);
}

/**
 * A calendar date (`YYYY-MM-DD`, as date attributes are stored) in the locale's order. It is a day,
 * not a moment: formatted in UTC so no time zone moves it to the day before.
 */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  // setUTCFullYear, not Date.UTC: that reads years 0–99 as 1900–1999.
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const time = new Date(0).setUTCFullYear(year, month, day);
  // A day the calendar does not have (02-30) would roll over into the next month: show it as stored.
  const date = new Date(time);
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return isoDate;
  return cached('date', () => new Intl.DateTimeFormat(locales, { ...DATE_PARTS, timeZone: 'UTC' })).format(
    time,
  );
}

/**
 * A moment as a person in `timeZone` reads it, with the weekday (a schedule's next runs):
 * "Sun, 06/12/2026, 10:00" in en-GB, "ne 6. 12. 2026 10:00" in Czech.
 */
export function formatDateTimeIn(iso: string, timeZone: string): string {
  const time = Date.parse(toMillis(iso));
  if (Number.isNaN(time)) return iso;
  return cached(
    `in\u0000${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locales, {
        timeZone,
        weekday: 'short',
        ...DATE_PARTS,
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(time);
}

/**
 * A stored attribute value in the locale when its type has a form there (numbers, dates,
 * datetimes); null for other types and for a value that does not have the type's shape, which is
 * then shown as stored.
 */
export function formatTypedValue(type: string | undefined, value: unknown): string | null {
  if (type === 'number' && typeof value === 'number') return formatNumber(value);
  if (type === 'date' && typeof value === 'string') return formatDate(value);
  if (type === 'datetime' && typeof value === 'string') return formatDateTime(value);
  return null;
}

/** An ISO timestamp with its fraction cut to milliseconds, as Date and `<time dateTime>` expect. */
export function toMillis(iso: string): string {
  return iso.replace(/(\.\d{3})\d+/, '$1');
}

/** "1–50 of 12,345": the rows a page shows out of all of them. */
export function formatRange(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${formatCount(total)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}
