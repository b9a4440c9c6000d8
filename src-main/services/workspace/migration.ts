import type { Database } from 'better-sqlite3';

/** One forward-only schema change of the workspace database. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
