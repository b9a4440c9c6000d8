import type { ColumnProfile } from '../../../src-shared/mapping/column-profile';
import { formatCount } from '../../components/format';

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** Under a header: how full the column is, how varied, its commonest values and their spread. */
export function ColumnProfileView({
  profile,
  histogramLabel,
}: {
  profile: ColumnProfile;
  histogramLabel?: string;
}) {
  const fill = percent(profile.filled, profile.rows);
  const max = profile.histogram ? Math.max(...profile.histogram.bins, 1) : 1;
  return (
    <div className="profile" data-testid="column-profile">
      <div
        className="profile__fill"
        title={`${formatCount(profile.filled)} of ${formatCount(profile.rows)} rows have a value`}
      >
        <span className="profile__bar">
          <span style={{ width: `${fill}%` }} />
        </span>
        <span>{fill}% filled</span>
      </div>
      <div className="muted">
        {formatCount(profile.distinct)}
        {profile.distinctCapped ? '+' : ''} distinct
      </div>
      {profile.histogram ? (
        <svg
          className="profile__histogram"
          viewBox={`0 0 ${profile.histogram.bins.length * 6} 24`}
          preserveAspectRatio="none"
          role="img"
          aria-label={histogramLabel ?? `Values from ${profile.histogram.min} to ${profile.histogram.max}`}
        >
          {profile.histogram.bins.map((count, i) => {
            const height = Math.max(count > 0 ? 1 : 0, (count / max) * 24);
            return <rect key={i} x={i * 6} y={24 - height} width={5} height={height} />;
          })}
        </svg>
      ) : (
        <ol className="profile__top">
          {profile.top.slice(0, 3).map((entry) => (
            <li key={entry.value} title={entry.value}>
              <span className="profile__value">{entry.value}</span>
              <span className="muted">{formatCount(entry.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
