import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { Run, RunStarter } from '../../../src-shared/model/run';
import { toAppError } from '../errors/to-app-error';
import type { Logger } from '../log/logger';
import {
  claimDue,
  dueAutomations,
  pruneClaims,
  recordCheck,
  type StoredAutomation,
} from './automation-repository';
import { filesToImport, type PollContext } from './new-file-poll';
import { nextDue } from './next-due';

/** How often stored due times are compared with the clock. */
export const TICK_MS = 60_000;
/** How often the wall clock is compared with the monotonic one, to notice a sleep or a clock jump. */
const CLOCK_WATCH_MS = 5_000;
/** A wall-clock step this much larger than the monotonic one is a wake (or a changed clock). */
const CLOCK_JUMP_MS = 30_000;
/** Claims only need to outlive the race for their due time. */
const CLAIMS_KEPT_MS = 30 * 24 * 3_600_000;

/** The run queue as the scheduler uses it. */
export interface RunStarterPort {
  start(importId: string, datasetId: undefined, startedBy: RunStarter): Run;
  settled(runId: string): Promise<Run>;
}

export interface SchedulerDeps {
  db: Database;
  runs: RunStarterPort;
  log: Logger;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  poll: PollContext;
  /** The clock (tests pass a controllable one). */
  now?: () => Date;
  /** A new-file trigger's interval (the seed's 5 minutes unless a test shortens it). */
  pollMs: number;
  /** The tick (tests shorten it; the due times, not the tick, decide when runs start). */
  tickMs?: number;
}

/**
 * Starts the runs schedules and new-file triggers are due for, in the app and in `intake serve`
 * (never in `intake import`). It keeps no long timers: every tick, and on a wake, it compares the
 * stored due times with the clock, so a run missed while the computer slept or Intake was closed
 * is found at the next check and runs once, marked "caught up" — the next due time is counted from
 * now, so missed slots are never run one by one. Each due time is claimed in the workspace before
 * its run is queued: two processes on one workspace never start it twice.
 */
export class Scheduler {
  private readonly now: () => Date;
  private readonly tickMs: number;
  private readonly claimant = `${hostname()}:${process.pid}`;
  private timers: NodeJS.Timeout[] = [];
  private checking: Promise<void> | null = null;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.tickMs = deps.tickMs ?? TICK_MS;
  }

  /** Checks at once (catching up what was missed while closed), then every tick and on wakes. */
  start(): void {
    pruneClaims(this.deps.db, new Date(this.now().getTime() - CLAIMS_KEPT_MS));
    void this.check();
    this.timers.push(setInterval(() => void this.check(), this.tickMs).unref());
    let wall = Date.now();
    let mono = performance.now();
    this.timers.push(
      setInterval(() => {
        const wallStep = Date.now() - wall;
        const monoStep = performance.now() - mono;
        wall = Date.now();
        mono = performance.now();
        // Timers do not run while the computer sleeps, and the wall clock keeps going.
        if (Math.abs(wallStep - monoStep) > CLOCK_JUMP_MS) this.wake('the clock jumped');
      }, CLOCK_WATCH_MS).unref(),
    );
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** The computer woke (Electron's powerMonitor 'resume') or the clock moved: check now. */
  wake(why = 'the computer woke'): void {
    this.deps.log.info('checking schedules', { why });
    void this.check();
  }

  /** Starts every due run once; concurrent calls share one check. Resolves when it is done. */
  check(): Promise<void> {
    this.checking ??= this.checkDue().finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkDue(): Promise<void> {
    const now = this.now();
    for (const due of dueAutomations(this.deps.db, now)) {
      try {
        await this.fire(due, now);
      } catch (error) {
        this.deps.log.warn('an automation could not start its run', {
          importId: due.importId,
          error: toAppError(error).message,
        });
      }
    }
  }

  private async fire(due: StoredAutomation, now: Date): Promise<void> {
    const dueAt = due.nextDueAt!;
    const { db } = this.deps;
    if (due.automation.kind === 'schedule') {
      const next = nextDue(due.automation.schedule, now);
      if (!claimDue(db, due.importId, dueAt, next?.toISOString() ?? null, this.claimant)) return;
      // A due time found well after its tick would have seen it was missed (asleep, closed).
      const late = now.getTime() - Date.parse(dueAt) > this.tickMs + CLOCK_JUMP_MS;
      this.startRun(due, late ? 'catch-up' : 'schedule');
      return;
    }
    const next = new Date(now.getTime() + this.deps.pollMs);
    if (!claimDue(db, due.importId, dueAt, next.toISOString(), this.claimant)) return;
    let files: string[];
    try {
      files = await filesToImport(db, due.importId, this.deps.poll);
    } catch (error) {
      // Retried at the next interval; the import shows this until a poll succeeds.
      const appError = toAppError(error);
      recordCheck(db, due.importId, now, appError);
      this.deps.log.warn('a new-file trigger could not poll its storage', {
        importId: due.importId,
        error: appError.message,
      });
      return;
    }
    recordCheck(db, due.importId, now, null);
    if (files.length > 0) this.startRun(due, 'trigger');
  }

  private startRun(due: StoredAutomation, startedBy: RunStarter): void {
    let run: Run;
    try {
      run = this.deps.runs.start(due.importId, undefined, startedBy);
    } catch (error) {
      this.failed(due, null, toAppError(error).message, startedBy);
      return;
    }
    this.deps.log.info('automation started a run', { importId: due.importId, runId: run.id, startedBy });
    void this.deps.runs.settled(run.id).then(
      (ended) => {
        if (ended.status === 'failed')
          this.failed(due, ended.id, ended.error?.message ?? 'failed', startedBy);
      },
      () => undefined,
    );
  }

  private failed(due: StoredAutomation, runId: string | null, message: string, startedBy: RunStarter): void {
    this.deps.log.warn('an automated run failed', { importId: due.importId, runId, error: message });
    this.deps.emit('automation:runFailed', {
      importId: due.importId,
      importName: due.importName,
      runId,
      startedBy,
      message: message.split('\n')[0] ?? message,
    });
  }
}
