import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CONTROL_FILE, DATABASE_FILE } from '../../src-main/services/workspace/workspace-files';

/**
 * Fails unless a closed workspace's two databases pass `integrity_check` and `foreign_key_check`.
 * A run's writer does not enforce foreign keys (issue 18: they cost a quarter of its inserts); the
 * code guarantees its references instead, and every test workspace checks that it did.
 */
export function assertSoundWorkspace(workspaceDir: string): void {
  const databasePath = join(workspaceDir, DATABASE_FILE);
  if (!existsSync(databasePath)) return;
  const db = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    db.prepare('ATTACH DATABASE ? AS control').run(join(workspaceDir, CONTROL_FILE));
    const problems: string[] = [];
    for (const schema of ['main', 'control']) {
      const integrity = db.pragma(`${schema}.integrity_check`, { simple: false }) as {
        integrity_check: string;
      }[];
      if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
        problems.push(`${schema}.integrity_check: ${integrity.map((row) => row.integrity_check).join('; ')}`);
      }
      const broken = db.pragma(`${schema}.foreign_key_check`) as {
        table: string;
        rowid: number | null;
        parent: string;
      }[];
      if (broken.length > 0) {
        const shown = broken
          .slice(0, 5)
          .map((row) => `${row.table} row ${row.rowid ?? '?'} names a missing ${row.parent}`)
          .join('; ');
        problems.push(`${schema}.foreign_key_check: ${broken.length} rows (${shown})`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`The workspace in ${workspaceDir} is not sound: ${problems.join(' · ')}`);
    }
  } finally {
    db.close();
  }
}
