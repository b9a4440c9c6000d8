import type { AutomationOptions } from './runtime';

/**
 * Schedules and triggers as a shell runs them. The seed's 5-minute trigger interval and the
 * one-minute tick can be shortened for tests only, through INTAKE_TEST_POLL_MS and
 * INTAKE_TEST_TICK_MS (a user-facing setting would invite polling a paid storage every second).
 */
export function shellAutomation(run: boolean, env: NodeJS.ProcessEnv = process.env): AutomationOptions {
  const pollMs = positive(env.INTAKE_TEST_POLL_MS);
  const tickMs = positive(env.INTAKE_TEST_TICK_MS);
  return { run, ...(pollMs ? { pollMs } : {}), ...(tickMs ? { tickMs } : {}) };
}

function positive(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}
