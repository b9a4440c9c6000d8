import type { Handlers } from '../../../src-shared/contract';
import type { ValidationService } from './validation-service';

/** Requests of the `mapping` domain. */
export function createMappingHandlers(deps: {
  validation: ValidationService;
}): Pick<
  Handlers,
  | 'mapping:validate'
  | 'mapping:previewStep'
  | 'mapping:previewIdentities'
  | 'mapping:fillCarries'
  | 'mapping:removedRows'
> {
  return {
    'mapping:validate': ({ datasetId, mapping }) => deps.validation.validate(datasetId, mapping),
    'mapping:previewStep': ({ datasetId, mapping, step }) =>
      deps.validation.previewStep(datasetId, mapping, step),
    'mapping:previewIdentities': ({ datasetId, mapping }) =>
      deps.validation.previewIdentities(datasetId, mapping),
    'mapping:fillCarries': ({ datasetId, mapping, rowNumbers }) =>
      deps.validation.fillCarries(datasetId, mapping, rowNumbers),
    'mapping:removedRows': ({ datasetId, mapping, rowNumbers }) =>
      deps.validation.removedRows(datasetId, mapping, rowNumbers),
  };
}
