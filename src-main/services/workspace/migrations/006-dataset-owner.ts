import type { Migration } from '../migration';

/**
 * The process staging a dataset, like a run's owner (migration 5): at start-up only datasets of a
 * process that is gone are marked interrupted, never those another live process (the app beside
 * `intake import`, or `intake serve`) is still writing.
 */
export const datasetOwnerMigration: Migration = {
  version: 6,
  name: 'dataset-owner',
  up(db) {
    db.exec('ALTER TABLE datasets ADD COLUMN owner_pid INTEGER');
  },
};
