import type { SourceKind, SourceSpec } from '../../../../src-shared/model/source';
import type { Connector } from './connector';
import { fileConnector, pasteConnector, uploadConnector } from './file';
import { sqlConnector } from './sql';
import { storageConnector } from './storage';
import { urlConnector } from './url';
import { workspaceQueryConnector } from './workspace';

/** Every connector by the kind it reads; a kind without one, or with another's, is a type error here. */
const CONNECTORS: { [K in SourceKind]: Connector<K> } = {
  file: fileConnector,
  paste: pasteConnector,
  upload: uploadConnector,
  workspace: workspaceQueryConnector,
  url: urlConnector,
  sql: sqlConnector,
  storage: storageConnector,
};

/** The connector of a spec's kind (DESIGN §6: sources are plug-ins chosen by kind). */
export function connectorFor(spec: SourceSpec): Connector {
  // The table above pairs each kind with a connector of that kind, so the spec always fits it;
  // TypeScript cannot follow a union key through a mapped type, hence the one widening.
  return CONNECTORS[spec.kind] as unknown as Connector;
}
