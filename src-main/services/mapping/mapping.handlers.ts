import type { Handlers } from '../../../src-shared/contract';
import type { ValidationService } from './validation-service';

/** Requests of the `mapping` domain. */
export function createMappingHandlers(deps: {
  validation: ValidationService;
}): Pick<Handlers, 'mapping:validate'> {
  return {
    'mapping:validate': ({ datasetId, mapping }) => deps.validation.validate(datasetId, mapping),
  };
}
