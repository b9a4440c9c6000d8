import { parseArgs } from 'node:util';
import { IntakeError } from '../../../src-shared/errors';
import { NEW_FILE_POLL_MS, type Automation } from '../../../src-shared/model/automation';
import { parseScheduleSpec } from '../../../src-shared/schedule/schedule-spec';
import type { Engine } from '../../host/engine';
import { connectionOfSpec } from '../../services/sources/connections/resolved-connection';
import { checkSelectionLimit } from '../../services/sources/storage/selection-limit';
import { getAutomation, listAutomations } from '../../services/schedule/automation-repository';
import {
  automationState,
  pauseAutomation,
  setAutomation,
  type AutomationRules,
} from '../../services/schedule/automation-service';
import { nextDueTimes } from '../../services/schedule/next-due';
import { CliError } from '../cli-error';
import { openCliEngine, savedImportNamed } from '../cli-engine';

const USAGE = `Usage:
  intake schedules list [--json]
  intake schedules next <import> [--from ISO] [--count N] [--json]
  intake schedules set <import> "<spec>" | --new-file
  intake schedules pause|resume|remove <import>
A spec: once YYYY-MM-DDTHH:MM | daily HH:MM[,HH:MM…] | weekly DAY[,DAY…] HH:MM | monthly N|last[,…] HH:MM,
then optionally tz=ZONE and until=YYYY-MM-DD.`;

/** The computer's time zone: a schedule's zone unless its spec names one. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A schedule spec from the command line, or a usage error naming what is wrong with it. */
export function scheduleFromSpec(spec: string): Automation {
  try {
    return { kind: 'schedule', schedule: parseScheduleSpec(spec, localTimeZone()) };
  } catch (error) {
    if (error instanceof IntakeError) throw new CliError(error.message);
    throw error;
  }
}

/** The rules of setting an automation from the CLI: the real clock and trigger interval. */
export function automationRules(engine: Engine): AutomationRules {
  const db = engine.workspace.db;
  return {
    now: () => new Date(),
    pollMs: NEW_FILE_POLL_MS,
    // The 200-file limit of a trigger's storage, listed through the connection.
    checkSource: async (source) =>
      checkSelectionLimit(source.spec, {
        workspaceDir: engine.workspace.dir,
        nativeBinding: engine.nativeBinding,
        connection: await connectionOfSpec(db, engine.secrets, source.spec),
      }),
  };
}

/**
 * `intake schedules …`: lists schedules and triggers with their next due time, prints a schedule's
 * next due times (to check a schedule without waiting for it), and sets, pauses, resumes or
 * removes one. The runs themselves start in the app or `intake serve`, never here.
 */
export async function schedulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      count: { type: 'string' },
      'new-file': { type: 'boolean', default: false },
    },
  });
  const [verb, name, spec, ...extra] = positionals;
  if (verb === undefined || extra.length > 0) throw new CliError(USAGE);
  const from = values.from === undefined ? new Date() : new Date(values.from);
  if (Number.isNaN(from.getTime()))
    throw new CliError(`--from must be an ISO 8601 time, got "${values.from}".`);
  const count = values.count === undefined ? 5 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new CliError(`--count must be a whole number from 1 to 1000, got "${values.count}".`);
  const automation = verb === 'set' ? (values['new-file'] ? null : scheduleFromSpec(spec ?? '')) : null;
  if (verb === 'set' && spec === undefined && !values['new-file']) throw new CliError(USAGE);

  const engine = openCliEngine(values.workspace);
  try {
    const db = engine.workspace.db;
    const rules = automationRules(engine);
    switch (verb) {
      case 'list': {
        const states = listAutomations(db).map((stored) => ({
          import: stored.importName,
          ...automationState(stored, NEW_FILE_POLL_MS),
        }));
        if (values.json) process.stdout.write(`${JSON.stringify(states)}\n`);
        else if (states.length === 0) process.stdout.write('No import runs by itself yet.\n');
        else {
          for (const state of states) {
            const next = state.paused ? 'paused' : state.nextDueAt ? `next ${state.nextDueAt}` : 'ended';
            const error = state.lastError ? ` · last poll failed: ${state.lastError.message}` : '';
            process.stdout.write(`${state.import}: ${state.words} · ${next}${error}\n`);
          }
        }
        return 0;
      }
      case 'next': {
        const definition = importNamed(engine, name);
        const stored = getAutomation(db, definition.id);
        if (!stored || stored.automation.kind !== 'schedule')
          throw new CliError(`"${definition.name}" has no schedule.`, 1);
        const next = nextDueTimes(stored.automation.schedule, from, count).map((at) => at.toISOString());
        if (values.json) process.stdout.write(`${JSON.stringify({ import: definition.name, next })}\n`);
        else
          process.stdout.write(
            next.length ? `${next.join('\n')}\n` : 'No more runs: the schedule has ended.\n',
          );
        return 0;
      }
      case 'set': {
        const definition = importNamed(engine, name);
        const state = await setAutomation(db, definition.id, automation ?? { kind: 'new-file' }, rules);
        process.stdout.write(`${definition.name}: ${state!.words}, next ${state!.nextDueAt}\n`);
        return 0;
      }
      case 'pause':
      case 'resume': {
        const definition = importNamed(engine, name);
        const state = pauseAutomation(db, definition.id, verb === 'pause', rules);
        process.stdout.write(
          `${definition.name}: ${state.paused ? 'paused' : `resumed, next ${state.nextDueAt}`}\n`,
        );
        return 0;
      }
      case 'remove': {
        const definition = importNamed(engine, name);
        await setAutomation(db, definition.id, null, rules);
        process.stdout.write(`${definition.name} now runs only when asked.\n`);
        return 0;
      }
      default:
        throw new CliError(USAGE);
    }
  } finally {
    await engine.close();
  }
}

function importNamed(engine: Engine, name: string | undefined) {
  if (name === undefined) throw new CliError(USAGE);
  return savedImportNamed(engine, name);
}
