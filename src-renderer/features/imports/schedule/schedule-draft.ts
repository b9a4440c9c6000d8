import type { Automation } from '../../../../src-shared/model/automation';
import type { Schedule, Weekday } from '../../../../src-shared/model/schedule';

/** How an import runs, as the editor offers it. */
export type RunChoice = 'none' | 'once' | 'daily' | 'weekly' | 'monthly' | 'new-file';

/** The schedule editor's fields; every kind's are kept, so switching kinds loses nothing typed. */
export interface ScheduleDraft {
  choice: RunChoice;
  onceDate: string;
  onceTime: string;
  times: string[];
  weekdays: Weekday[];
  monthDays: (number | 'last')[];
  time: string;
  timeZone: string;
  until: string;
}

/** The draft of an import's automation (or of a new schedule: weekdays at 06:00 in `zone`). */
export function draftOf(automation: Automation | undefined, zone: string, today: string): ScheduleDraft {
  const draft: ScheduleDraft = {
    choice: 'none',
    onceDate: today,
    onceTime: '06:00',
    times: ['06:00'],
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    monthDays: [1],
    time: '06:00',
    timeZone: zone,
    until: '',
  };
  if (!automation) return draft;
  if (automation.kind === 'new-file') return { ...draft, choice: 'new-file' };
  const { rule, timeZone, until } = automation.schedule;
  const base = { ...draft, choice: rule.kind, timeZone, until: until ?? '' };
  switch (rule.kind) {
    case 'once': {
      const [date = today, time = '06:00'] = rule.at.split('T');
      return { ...base, onceDate: date, onceTime: time };
    }
    case 'daily':
      return { ...base, times: rule.times };
    case 'weekly':
      return { ...base, weekdays: rule.days, time: rule.time };
    case 'monthly':
      return { ...base, monthDays: rule.days, time: rule.time };
  }
}

/** The schedule a draft describes (null for "only when asked" and the new-file trigger). */
export function scheduleOf(draft: ScheduleDraft): Schedule | null {
  const common = { timeZone: draft.timeZone, until: draft.until === '' ? null : draft.until };
  switch (draft.choice) {
    case 'once':
      return { ...common, rule: { kind: 'once', at: `${draft.onceDate}T${draft.onceTime}` } };
    case 'daily':
      return { ...common, rule: { kind: 'daily', times: draft.times } };
    case 'weekly':
      return { ...common, rule: { kind: 'weekly', days: draft.weekdays, time: draft.time } };
    case 'monthly':
      return { ...common, rule: { kind: 'monthly', days: draft.monthDays, time: draft.time } };
    default:
      return null;
  }
}

/** What saving a draft sets. */
export function automationOf(draft: ScheduleDraft): Automation | null {
  if (draft.choice === 'new-file') return { kind: 'new-file' };
  const schedule = scheduleOf(draft);
  return schedule ? { kind: 'schedule', schedule } : null;
}

/** Adds or removes one value of a list, keeping the rest. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((item) => item !== value);
}
