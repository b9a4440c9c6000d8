import { rejectRowsMigration } from './017-reject-rows';
import type { Migration } from '../migration';
import { settingsMigration } from './001-settings';
import { sourcesDatasetsMigration } from './002-sources-datasets';
import { importsAttributesMigration } from './003-imports-attributes';
import { runsAndDataMigration } from './004-runs-and-data';
import { runOwnershipAndExpiryMigration } from './005-run-ownership-and-expiry';
import { datasetOwnerMigration } from './006-dataset-owner';
import { eventMemoryOnEventsMigration } from './007-event-memory-on-events';
import { softIdRecencyMigration } from './008-soft-id-recency';
import { customersByUpdateMigration } from './009-customers-by-update';
import { controlDatabaseMigration } from './010-control-database';
import { sourceSpecsMigration } from './011-source-specs';
import { connectionsMigration } from './012-connections';
import { runFilesMigration } from './013-run-files';
import { automationMigration } from './014-automation';
import { pushMigration } from './015-push';
import { pushCompactMigration } from './016-push-compact';
import { customerContactSearchMigration } from './018-customer-contact-search';
import { eventDedupByContentMigration } from './019-event-dedup-by-content';
import { lighterEventsMigration } from './020-lighter-events';

/** Every migration, in version order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [
  settingsMigration,
  sourcesDatasetsMigration,
  importsAttributesMigration,
  runsAndDataMigration,
  runOwnershipAndExpiryMigration,
  datasetOwnerMigration,
  eventMemoryOnEventsMigration,
  softIdRecencyMigration,
  customersByUpdateMigration,
  controlDatabaseMigration,
  sourceSpecsMigration,
  connectionsMigration,
  runFilesMigration,
  automationMigration,
  pushMigration,
  pushCompactMigration,
  rejectRowsMigration,
  customerContactSearchMigration,
  eventDedupByContentMigration,
  lighterEventsMigration,
];
