import type { Handlers } from '../../../src-shared/contract';
import type { CellStep } from '../../../src-shared/model/cleanup';
import type { ValidationService } from './validation-service';

/** Requests of the `mapping` domain. */
export function createMappingHandlers(deps: {
  validation: ValidationService;
}): Pick<Handlers, 'mapping:validate' | 'mapping:previewStep'> {
  return {
    'mapping:validate': ({ datasetId, mapping }) => deps.validation.validate(datasetId, mapping),
    'mapping:previewStep': ({ datasetId, mapping, step }) =>
      deps.validation.previewStep(datasetId, mapping, step as CellStep),
  };
}
