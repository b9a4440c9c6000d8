const numberFormat = new Intl.NumberFormat();
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A count with thousands separators in the user's locale (12,345). */
export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/**
 * A stored ISO timestamp as a local date-time with seconds. The host keeps microseconds, which
 * Date cannot hold and only parses leniently, so the fraction is cut to milliseconds first; a text
 * that still does not parse is shown as it is rather than as "Invalid Date".
 */
export function formatDateTime(iso: string): string {
  const time = Date.parse(toMillis(iso));
  return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
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
