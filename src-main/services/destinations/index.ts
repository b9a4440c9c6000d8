import type { DestinationKind, DestinationSpec } from '../../../src-shared/model/destination';
import type { Destination } from './destination';
import { fileDestination } from './file/file-destination';
import { platformDestination } from './platform/platform-destination';
import { postgresDestination } from './postgres/postgres-destination';
import { workspaceDestination } from './workspace/workspace-destination';

/** Every destination by kind; a kind without one, or with another's, is a type error here. */
const DESTINATIONS: { [K in DestinationKind]: Destination<K> } = {
  workspace: workspaceDestination,
  file: fileDestination,
  platform: platformDestination,
  postgres: postgresDestination,
};

/** The destination of a spec's kind (DESIGN §6: destinations are plug-ins chosen by kind). */
export function destinationFor(spec: DestinationSpec): Destination {
  // The table pairs each kind with a destination of that kind, so the spec always fits it;
  // TypeScript cannot follow a union key through a mapped type, hence the one widening.
  return DESTINATIONS[spec.kind] as unknown as Destination;
}
