import type { AppError } from '../result';
import type { RunStarter } from './run';
import type { Schedule } from './schedule';

/**
 * What makes an import run by itself: a schedule, or a new-file trigger that polls its storage
 * (the seed's "execution rule: new file uploaded"). An import has at most one.
 */
export type Automation = { kind: 'schedule'; schedule: Schedule } | { kind: 'new-file' };

/** An import's automation as the Imports page and `intake schedules list` show it. */
export interface AutomationState {
  importId: string;
  automation: Automation;
  /** "Weekdays at 06:00 and 18:00, Europe/Prague, until 31 Mar 2027", or the trigger's interval. */
  words: string;
  paused: boolean;
  /** The next run (a schedule) or poll (a trigger), UTC ISO 8601; null when a schedule has ended. */
  nextDueAt: string | null;
  /** A trigger's last poll, and its error when it failed (cleared by the next good poll). */
  lastCheckAt: string | null;
  lastError: AppError | null;
}

/** The schedule editor's view of a schedule before it is saved. */
export interface SchedulePreview {
  words: string;
  /** What the editor must say: months without a chosen day, a schedule that will never run. */
  notes: string[];
  /** The next due times, UTC ISO 8601. */
  next: string[];
}

/** How often a new-file trigger polls its storage (the seed's interval). */
export const NEW_FILE_POLL_MS = 5 * 60_000;

/** The `automation:runFailed` event: what a failure notification says and opens. */
export interface AutomationFailure {
  importId: string;
  importName: string;
  /** The failed run (null when the run could not even be queued, e.g. its source is gone). */
  runId: string | null;
  startedBy: RunStarter;
  /** The first line of the error. */
  message: string;
}
