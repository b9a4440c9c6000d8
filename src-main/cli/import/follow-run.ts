import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { Run, RunProgress } from '../../../src-shared/model/run';
import type { Engine } from '../../host/engine';
import { progressPrinter } from './progress-printer';
import { runSummaryJson, runSummaryText } from './run-summary';

/**
 * Follows a CLI run: progress on stderr about once a second, Ctrl-C cancels it, its summary on
 * stdout (text, or the JSON object with --json) and warnings on stderr. Resolves to the exit code:
 * 0 when the run succeeded, 1 when it failed or was cancelled. `emit` goes to the engine, which
 * must exist before the run does.
 */
export function runFollower() {
  let print: ((progress: RunProgress) => void) | null = null;
  return {
    emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
      if (name === 'runs:progress') print?.(payload as RunProgress);
    },
    async follow(engine: Engine, run: Run, options: { json: boolean; command: string }): Promise<number> {
      const started = Date.now();
      print = progressPrinter(run.id, (line) => process.stderr.write(line));
      const stop = () => void engine.runs.cancel(run.id);
      process.once('SIGINT', stop);
      const finished = await engine.runs.settled(run.id);
      process.off('SIGINT', stop);
      const summary = runSummaryJson(engine.workspace.db, finished);
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(runSummaryText(summary, finished.warnings, (Date.now() - started) / 1000));
      if (options.json)
        for (const warning of finished.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (finished.status !== 'succeeded') {
        process.stderr.write(
          `intake ${options.command}: the run ${finished.status}: ${finished.error?.message ?? ''}\n`,
        );
        return 1;
      }
      return 0;
    },
  };
}
