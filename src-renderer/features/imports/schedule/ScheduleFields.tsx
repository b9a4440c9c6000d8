import { WEEKDAYS } from '../../../../src-shared/model/schedule';
import { SHORT_DAYS } from '../../../../src-shared/schedule/schedule-words';
import { toggled, type ScheduleDraft } from './schedule-draft';

/** Time zones the browser knows (the computer's first), for the zone picker. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [current, ...known.filter((zone) => zone !== current)];
}

interface Props {
  draft: ScheduleDraft;
  change(patch: Partial<ScheduleDraft>): void;
}

/** The fields of one schedule kind, then the zone and the optional end date every kind has. */
export function ScheduleFields({ draft, change }: Props) {
  return (
    <div className="schedule-fields">
      {draft.choice === 'once' && (
        <div className="field-row">
          <label>
            Date{' '}
            <input
              type="date"
              value={draft.onceDate}
              onChange={(e) => change({ onceDate: e.target.value })}
            />
          </label>
          <label>
            Time{' '}
            <input
              type="time"
              value={draft.onceTime}
              onChange={(e) => change({ onceTime: e.target.value })}
            />
          </label>
        </div>
      )}
      {draft.choice === 'daily' && (
        <fieldset>
          <legend>Every day at</legend>
          {draft.times.map((time, index) => (
            <span key={index} className="schedule-time">
              <input
                type="time"
                aria-label={`Time ${index + 1}`}
                value={time}
                onChange={(e) =>
                  change({ times: draft.times.map((t, i) => (i === index ? e.target.value : t)) })
                }
              />
              {draft.times.length > 1 && (
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove ${time}`}
                  onClick={() => change({ times: draft.times.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              )}
            </span>
          ))}
          <button type="button" className="link" onClick={() => change({ times: [...draft.times, '18:00'] })}>
            Add a time
          </button>
        </fieldset>
      )}
      {draft.choice === 'weekly' && (
        <fieldset>
          <legend>On</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="choice choice--inline">
              <input
                type="checkbox"
                checked={draft.weekdays.includes(day)}
                onChange={(e) => change({ weekdays: toggled(draft.weekdays, day, e.target.checked) })}
              />
              {SHORT_DAYS[day]}
            </label>
          ))}
        </fieldset>
      )}
      {draft.choice === 'monthly' && (
        <fieldset className="month-days">
          <legend>On days of the month</legend>
          {Array.from({ length: 31 }, (_, i) => i + 1).map((day) => (
            <label key={day} className="choice choice--inline month-day">
              <input
                type="checkbox"
                checked={draft.monthDays.includes(day)}
                onChange={(e) => change({ monthDays: toggled(draft.monthDays, day, e.target.checked) })}
              />
              {day}
            </label>
          ))}
          <label className="choice choice--inline">
            <input
              type="checkbox"
              checked={draft.monthDays.includes('last')}
              onChange={(e) => change({ monthDays: toggled(draft.monthDays, 'last', e.target.checked) })}
            />
            Last day of the month
          </label>
        </fieldset>
      )}
      {(draft.choice === 'weekly' || draft.choice === 'monthly') && (
        <label>
          At{' '}
          <input
            type="time"
            aria-label="Time"
            value={draft.time}
            onChange={(e) => change({ time: e.target.value })}
          />
        </label>
      )}
      <div className="field-row">
        <label>
          Time zone{' '}
          <select
            aria-label="Time zone"
            value={draft.timeZone}
            onChange={(e) => change({ timeZone: e.target.value })}
          >
            {timeZones(draft.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        {draft.choice !== 'once' && (
          <label>
            Until (optional){' '}
            <input
              type="date"
              aria-label="Until"
              value={draft.until}
              onChange={(e) => change({ until: e.target.value })}
            />
          </label>
        )}
      </div>
    </div>
  );
}
