import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { migrate, schemaVersion } from '../../../src-main/services/workspace/migrate';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { attachControl } from '../../../src-main/services/workspace/workspace';
import { CONTROL_FILE, DATABASE_FILE } from '../../../src-main/services/workspace/workspace-files';
import { makeTempDir } from '../../support/temp-dir';

/**
 * A workspace folder (control database attached, so from schema 10 on) as an Intake of schema
 * `version` left it, for a migration test to fill with that version's rows, close, and open with
 * today's Intake. `remove` deletes the folder.
 */
export function workspaceAtVersion(version: number): { dir: string; db: Database; remove: () => void } {
  const temp = makeTempDir(`intake-schema-${version}-`);
  const db = new BetterSqlite3(join(temp.dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  attachControl(db, join(temp.dir, CONTROL_FILE));
  migrate(db, migrations.slice(0, version));
  expect(schemaVersion(db)).toBe(version);
  return { dir: temp.dir, db, remove: temp.remove };
}
