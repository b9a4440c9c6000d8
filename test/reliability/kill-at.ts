import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunProgress } from '../../src-shared/model/run';

// Runs an import in a process of its own and SIGKILLs it at a chosen point, the way a power cut or the
// OOM killer ends it. Points are set by progress, not by time, so a seed replays the same points on a
// busy or a quiet machine: staging dies once its dataset file has grown to a share of the source's size
// (polled every few milliseconds: staging reports progress only a few times a second), processing at
// the first progress event past a share of the rows, `committed` as soon as the run reports success
// (its data committed, its input file and engine not yet cleaned up). A point its stage never reached
// (the stage's last progress came before it) kills at the next stage's first event, and says so.

/** The importing process: the built engine, printing every progress event (see the file's comment). */
const IMPORT_TO_KILL = fileURLToPath(new URL('./import-to-kill.mjs', import.meta.url));

/** Where to kill: at a share (0–1) of the source staged or of the rows processed, or right after the commit. */
export type KillPoint =
  { stage: 'staging'; share: number } | { stage: 'processing'; share: number } | { stage: 'committed' };

/** How a killed import ended, and where the kill came. */
export interface KilledImport {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Where the kill came, in words ("staging, dataset at 61 MB"); null when the run ended first. */
  killedAt: string | null;
  /** True when the point never came within GIVE_UP_MS and the process was killed anyway. */
  gaveUp: boolean;
}

const POLL_MS = 4;
/** A run that never reaches its kill point is killed here, and the test fails saying so. */
const GIVE_UP_MS = 240_000;
const MB = 1024 * 1024;

/** Imports `file` (`bytes` long, `rows` rows) with `definition` into `workspace`, killed at `point`. */
export function importKilledAt(
  args: { file: string; definition: string; workspace: string; rows: number; bytes: number },
  point: KillPoint,
): Promise<KilledImport> {
  const child = spawn(process.execPath, [IMPORT_TO_KILL, args.file, args.definition, args.workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const datasets = join(args.workspace, 'datasets');
  let stderr = '';
  let pending = '';
  let last: RunProgress | null = null;
  let killedAt: string | null = null;
  let gaveUp = false;
  const kill = (where: string) => {
    if (killedAt !== null || child.exitCode !== null) return;
    killedAt = where;
    child.kill('SIGKILL');
  };
  const poll = setInterval(() => {
    if (point.stage !== 'staging' || last?.status !== 'loading') return;
    const bytes = sizeOf(datasets);
    if (bytes >= point.share * args.bytes) kill(`staging, dataset at ${(bytes / MB).toFixed(0)} MB`);
  }, POLL_MS);
  const giveUp = setTimeout(() => {
    gaveUp = true;
    child.kill('SIGKILL');
  }, GIVE_UP_MS);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = JSON.parse(pending.slice(0, end)) as RunProgress | { finished: unknown };
      pending = pending.slice(end + 1);
      if (!('runId' in line)) continue;
      last = line;
      const where = dueAt(point, line, args.rows);
      if (where) kill(where);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearInterval(poll);
      clearTimeout(giveUp);
      resolve({ exitCode, signal, stderr, killedAt, gaveUp });
    });
  });
}

/** Where the kill comes on this progress event, or null when not yet. */
function dueAt(point: KillPoint, progress: RunProgress, rows: number): string | null {
  const processed = `processing at row ${progress.processing.rows.toLocaleString('en')}`;
  if (progress.status === 'succeeded') return 'after the commit';
  if (point.stage === 'staging' && progress.status === 'processing')
    return `${processed} (staging ended first)`;
  if (point.stage === 'processing' && progress.status === 'processing')
    return progress.processing.rows >= point.share * rows ? processed : null;
  return null;
}

/** Bytes in a workspace's datasets folder (staging writes one file there). */
export function sizeOf(folder: string): number {
  if (!existsSync(folder)) return 0;
  let total = 0;
  for (const name of readdirSync(folder)) {
    try {
      total += statSync(join(folder, name)).size;
    } catch {
      // removed between the listing and the stat
    }
  }
  return total;
}
