import { formatDateTime, toMillis } from '../../components/format';

/** A stored time as local date-time with seconds; the tooltip keeps the exact value (microseconds, UTC). */
export function Timestamp({ value }: { value: string | null }) {
  if (value === null) return <span className="browse-blank">none</span>;
  return (
    <time dateTime={toMillis(value)} title={value}>
      {formatDateTime(value)}
    </time>
  );
}
