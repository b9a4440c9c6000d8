/** The days a weekly schedule can name, Monday first as the editor lists them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One day of the week, as written in schedule specs. */
export type Weekday = (typeof WEEKDAYS)[number];

/** When an import runs; times are local wall-clock 'HH:MM' (24 h) in the schedule's zone. */
export type ScheduleRule =
  | { kind: 'once'; at: string /* 'YYYY-MM-DDTHH:MM' local */ }
  | { kind: 'daily'; times: string[] }
  | { kind: 'weekly'; days: Weekday[]; time: string }
  | { kind: 'monthly'; days: (number | 'last')[]; time: string };

/** A rule placed in a time zone, with an optional last day. */
export interface Schedule {
  rule: ScheduleRule;
  /** IANA zone. */
  timeZone: string;
  /** Inclusive last date 'YYYY-MM-DD' in the schedule's zone, or null. */
  until: string | null;
}
