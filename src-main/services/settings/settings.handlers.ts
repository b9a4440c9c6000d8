import type { HandlerContext } from '../handler-context';
import type { Handlers } from '../../../src-shared/contract';
import { readSettings, writeSettings } from './settings-repository';

/** Requests of the `settings` domain. */
export const settingsHandlers = {
  'settings:get': (_payload, context) => readSettings(context.workspace.db),
  'settings:set': (patch, context) => {
    const settings = writeSettings(context.workspace.db, patch);
    context.emit('settings:changed', settings);
    return settings;
  },
} satisfies Pick<Handlers<HandlerContext>, 'settings:get' | 'settings:set'>;
