import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { listAutomations } from './automation-repository';
import {
  automationState,
  pauseAutomation,
  previewSchedule,
  setAutomation,
  type AutomationRules,
} from './automation-service';

/** Requests of the `automation` domain: schedules and new-file triggers of saved imports. */
export function createAutomationHandlers(deps: {
  db: Database;
  rules: AutomationRules;
}): Pick<Handlers, 'automation:list' | 'automation:set' | 'automation:pause' | 'automation:preview'> {
  const { db, rules } = deps;
  return {
    'automation:list': () => listAutomations(db).map((stored) => automationState(stored, rules.pollMs)),
    'automation:set': async ({ importId, automation }) => ({
      automation: await setAutomation(db, importId, automation, rules),
    }),
    'automation:pause': ({ importId, paused }) => pauseAutomation(db, importId, paused, rules),
    'automation:preview': ({ schedule, count }) => previewSchedule(schedule, rules.now(), count),
  };
}
