import type { Handlers } from '../../../src-shared/contract';
import type { HandlerContext } from '../handler-context';

/** Requests of the `mapping` domain. */
export const mappingHandlers = {
  'mapping:validate': ({ datasetId, mapping }, context) => context.validation.validate(datasetId, mapping),
} satisfies Pick<Handlers<HandlerContext>, 'mapping:validate'>;
