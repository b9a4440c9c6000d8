import type { Handlers } from '../../src-shared/contract';
import { appInfoHandlers } from '../services/app-info/app-info.handlers';
import { settingsHandlers } from '../services/settings/settings.handlers';
import { sourcesHandlers } from '../services/sources/sources.handlers';
import { datasetsHandlers } from '../services/stage/datasets.handlers';
import { attributesHandlers } from '../services/attributes/attributes.handlers';
import { mappingHandlers } from '../services/mapping/mapping.handlers';
import { importsHandlers } from '../services/imports/imports.handlers';
import { browseHandlers } from '../services/browse/browse.handlers';
import { runsHandlers } from '../services/runs/runs.handlers';
import type { HandlerContext } from '../services/handler-context';

/** The one handler table both shells serve. A missing or extra request is a type error here. */
export function createHandlers(): Handlers<HandlerContext> {
  return {
    ...appInfoHandlers,
    ...settingsHandlers,
    ...sourcesHandlers,
    ...datasetsHandlers,
    ...attributesHandlers,
    ...mappingHandlers,
    ...importsHandlers,
    ...browseHandlers,
    ...runsHandlers,
  } satisfies Handlers<HandlerContext>;
}
