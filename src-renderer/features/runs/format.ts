const counts = new Intl.NumberFormat();

/** A count with thousands separators. */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** A stored ISO time as the user's local date and time. */
export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Seconds between two ISO times, or '—'. */
export function formatDuration(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return seconds < 60
    ? `${seconds.toFixed(1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
