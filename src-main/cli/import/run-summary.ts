import type { Database } from 'better-sqlite3';
import type { Run, RunReject } from '../../../src-shared/model/run';
import type { AppError } from '../../../src-shared/result';
import { rejectsPage } from '../../services/runs/run-repository';

/** Rejects listed in a summary; the run detail and its CSV download have them all. */
export const SUMMARY_REJECTS = 100;

/** The one object `intake import --json` prints (exactly these keys; warnings go to stderr). */
export interface RunSummaryJson {
  run: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  rows: Run['rows'];
  rejects: RunReject[];
  error: AppError | null;
  /** Storage sources: the files read, in order, with the rows each gave. */
  files?: { name: string; size: number; rows: number }[];
  /** A push to a platform: what was sent and skipped, and how its requests went. */
  push?: {
    sent: number;
    skipped: number;
    quarantined: number;
    requests: number;
    retried: number;
    /** "Test a record": the platform's raw answer. */
    response?: string;
    /** A dry run: nothing was sent (`sent` is what would be). */
    dryRun?: true;
    /** A dry run's counts per command kind, request bytes and example payloads. */
    commands?: Record<string, number>;
    bytes?: number;
    examples?: string[];
  };
}

export function runSummaryJson(db: Database, run: Run): RunSummaryJson {
  return {
    run: run.id,
    status: run.status === 'succeeded' || run.status === 'cancelled' ? run.status : 'failed',
    rows: run.rows,
    rejects: rejectsPage(db, run.id, 0, SUMMARY_REJECTS).items,
    error: run.error,
    ...(run.files.length > 0
      ? { files: run.files.map((file) => ({ name: file.name, size: file.size, rows: file.rows })) }
      : {}),
    ...(run.push
      ? {
          push: {
            sent: run.push.sent,
            skipped: run.push.skipped,
            quarantined: run.push.quarantined,
            requests: run.push.requests,
            retried: run.push.retried,
            ...(run.push.response !== undefined && run.push.sent + run.push.quarantined <= 1
              ? { response: run.push.response }
              : {}),
            ...(run.push.dryRun
              ? {
                  dryRun: true as const,
                  commands: run.push.dryRun.commands,
                  bytes: run.push.dryRun.bytes,
                  examples: run.push.dryRun.examples,
                }
              : {}),
          },
        }
      : {}),
  };
}

const count = new Intl.NumberFormat('en-US');

/** The summary as text for a terminal. */
export function runSummaryText(summary: RunSummaryJson, warnings: string[], seconds: number): string {
  const { rows } = summary;
  const lines = [
    `Run ${summary.run} ${summary.status} in ${seconds.toFixed(1)} s`,
    `  read ${count.format(rows.read)} · imported ${count.format(rows.imported)} · updated ${count.format(rows.updated)} · deduplicated ${count.format(rows.deduplicated)} · rejected ${count.format(rows.rejected)}${rows.skipped > 0 ? ` · skipped ${count.format(rows.skipped)} (not after the cursor)` : ''}`,
  ];
  if (summary.push) {
    const push = summary.push;
    lines.push(
      `  ${push.dryRun ? 'would push' : 'pushed'} ${count.format(push.sent)} · unchanged, not sent ${count.format(push.skipped)} · quarantined ${count.format(push.quarantined)} · ${count.format(push.requests)} requests (${count.format(push.retried)} retried)`,
    );
  }
  if (summary.push?.response) lines.push(`  platform answered: ${summary.push.response}`);
  for (const file of summary.files ?? []) {
    lines.push(`  file ${file.name}: ${count.format(file.rows)} rows (${count.format(file.size)} bytes)`);
  }
  for (const warning of warnings) lines.push(`  warning: ${warning}`);
  if (summary.rejects.length > 0) {
    lines.push(`  first rejected rows:`);
    for (const reject of summary.rejects.slice(0, 10)) {
      const where = reject.column ? ` column "${reject.column}"` : '';
      lines.push(`    row ${reject.row}${where} value "${reject.value}": ${reject.reason}`);
    }
  }
  if (summary.error) lines.push(`  error: ${summary.error.message}`);
  return `${lines.join('\n')}\n`;
}
