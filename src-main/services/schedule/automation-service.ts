import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { Automation, AutomationState, SchedulePreview } from '../../../src-shared/model/automation';
import type { Schedule } from '../../../src-shared/model/schedule';
import type { SourceSpec } from '../../../src-shared/model/source';
import { describeSchedule, scheduleNotes } from '../../../src-shared/schedule/schedule-words';
import { getImport, sourceOfImport } from '../imports/import-repository';
import type { StoredSource } from '../sources/source-repository';
import {
  getAutomation,
  removeAutomation,
  saveAutomation,
  setPaused,
  type StoredAutomation,
} from './automation-repository';
import { nextDue, nextDueTimes } from './next-due';

/** Source kinds whose content can change between runs: only these can run by themselves. */
const CHANGING_SOURCES: ReadonlySet<SourceSpec['kind']> = new Set(['url', 'sql', 'storage', 'workspace']);

/** What setting an automation needs besides the workspace. */
export interface AutomationRules {
  now: () => Date;
  /** A new-file trigger's interval. */
  pollMs: number;
  /** Refuses a storage source whose rule would read more than 200 files (lists the storage). */
  checkSource(source: StoredSource): Promise<void>;
}

/** An automation as the Imports page shows it. */
export function automationState(stored: StoredAutomation, pollMs: number): AutomationState {
  const minutes = Math.round(pollMs / 60_000);
  const every =
    minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(pollMs / 1000)} seconds`;
  return {
    importId: stored.importId,
    automation: stored.automation,
    words:
      stored.automation.kind === 'schedule'
        ? describeSchedule(stored.automation.schedule)
        : `When a new file arrives (checked every ${every})`,
    paused: stored.paused,
    nextDueAt: stored.nextDueAt,
    lastCheckAt: stored.lastCheckAt,
    lastError: stored.lastError,
  };
}

/**
 * Sets an import's automation (null removes it), refusing what the seeds refuse: a source that
 * never changes, a trigger on anything but file storage or with the rule 'all', a rule that would
 * read more than 200 files, and a schedule that would never run.
 */
export async function setAutomation(
  db: Database,
  importId: string,
  automation: Automation | null,
  rules: AutomationRules,
): Promise<AutomationState | null> {
  const definition = getImport(db, importId);
  if (automation === null) {
    removeAutomation(db, importId);
    return null;
  }
  const source = sourceOfImport(db, importId);
  const kind = source?.spec.kind;
  if (!source || !kind || !CHANGING_SOURCES.has(kind)) {
    const what = kind === 'paste' ? 'pasted data' : kind ? 'a dropped or opened file' : 'no source';
    throw new IntakeError(
      'VALIDATION',
      `"${definition.name}" reads ${what}, which never changes: run by itself it would import the same rows again. Only imports from a URL, a database, file storage or a workspace query can run by themselves.`,
      { importId, setting: 'automation' },
    );
  }
  const now = rules.now();
  let nextDueAt: string | null;
  if (automation.kind === 'new-file') {
    if (source.spec.kind !== 'storage') {
      throw new IntakeError(
        'VALIDATION',
        `"${definition.name}" does not read file storage: only a storage import can wait for new files. Use a schedule.`,
        { importId, setting: 'automation' },
      );
    }
    if (source.spec.select === 'all') {
      throw new IntakeError(
        'VALIDATION',
        `"${definition.name}" reads all matching files: with a new-file trigger every new file would import all of them again. Choose 'not imported yet' (or 'last modified') as its selection rule.`,
        { importId, setting: 'automation', select: 'all' },
      );
    }
    await rules.checkSource(source);
    nextDueAt = new Date(now.getTime() + rules.pollMs).toISOString();
  } else {
    nextDueAt = firstDue(automation.schedule, now, definition.name);
  }
  saveAutomation(db, importId, automation, nextDueAt);
  return automationState(getAutomation(db, importId)!, rules.pollMs);
}

/** Pauses or resumes an import's automation; a resumed one is due next from now. */
export function pauseAutomation(
  db: Database,
  importId: string,
  paused: boolean,
  rules: Pick<AutomationRules, 'now' | 'pollMs'>,
): AutomationState {
  const stored = getAutomation(db, importId);
  if (!stored) {
    throw new IntakeError(
      'NOT_FOUND',
      `"${getImport(db, importId).name}" has no schedule or trigger to pause.`,
      {
        importId,
      },
    );
  }
  const now = rules.now();
  const next =
    stored.automation.kind === 'schedule'
      ? (nextDue(stored.automation.schedule, now)?.toISOString() ?? null)
      : new Date(now.getTime() + rules.pollMs).toISOString();
  setPaused(db, importId, paused, next);
  return automationState(getAutomation(db, importId)!, rules.pollMs);
}

/** A schedule in words with its notes and next due times, as the editor shows it before saving. */
export function previewSchedule(schedule: Schedule, now: Date, count: number): SchedulePreview {
  return {
    words: describeSchedule(schedule),
    notes: scheduleNotes(schedule, now),
    next: nextDueTimes(schedule, now, count).map((at) => at.toISOString()),
  };
}

function firstDue(schedule: Schedule, now: Date, name: string): string {
  const next = nextDue(schedule, now);
  if (!next) {
    throw new IntakeError(
      'VALIDATION',
      `The schedule of "${name}" (${describeSchedule(schedule)}) would never run: its time has passed.`,
      { setting: 'schedule' },
    );
  }
  return next.toISOString();
}
