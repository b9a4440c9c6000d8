import type { Database } from 'better-sqlite3';

/** One forward-only schema change of the workspace databases. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
  /**
   * 'one' (the default): `up` runs in one transaction with its version row, so a crash never
   * leaves a half-applied step. 'own': `up` changes the control database (or both databases),
   * whose commits are atomic per file only, so it opens its own transactions in a safe order, runs
   * with foreign-key enforcement off (it may rebuild tables others reference), and must be
   * idempotent: a crash after its work but before its version row makes it run again.
   */
  transaction?: 'one' | 'own';
}
