import { formatDateTime, formatDecimal } from '../../components/format';

/** A run's time as the user's local date and time, or a dash while it has none. */
export function formatTime(iso: string | null): string {
  return iso ? formatDateTime(iso) : '—';
}

/** Time between two ISO times, or a dash while either is missing. */
export function formatDuration(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return seconds < 60
    ? `${formatDecimal(seconds, 1)} s`
    : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
