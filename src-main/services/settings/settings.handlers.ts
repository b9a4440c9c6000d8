import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload, Handlers } from '../../../src-shared/contract';
import { readSettings, writeSettings } from './settings-repository';

/** Requests of the `settings` domain (the control database: never waits for a run). */
export function createSettingsHandlers(deps: {
  db: Database;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}): Pick<Handlers, 'settings:get' | 'settings:set'> {
  return {
    'settings:get': () => readSettings(deps.db),
    'settings:set': (patch) => {
      const settings = writeSettings(deps.db, patch);
      deps.emit('settings:changed', settings);
      return settings;
    },
  };
}
