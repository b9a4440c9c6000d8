import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReadOnlyQuery } from '../../../src-main/services/workspace/read-only-query';
import type { Workspace } from '../../../src-main/services/workspace/workspace';
import { addCustomer, useBrowseWorkspace } from './support';

/** A workspace with three customers, and a function counting them straight from the database. */
function withCustomers(open: () => Workspace): { path: string; count(): unknown } {
  const workspace = open();
  for (const value of ['a', 'b', 'c']) addCustomer(workspace.db, [['registered', value]]);
  return {
    path: workspace.databasePath,
    count: () => workspace.db.prepare('SELECT COUNT(*) FROM customers').pluck().get(),
  };
}

const refused = (got: string) =>
  expect.objectContaining({
    code: 'VALIDATION',
    message: expect.stringMatching(
      new RegExp(`^Only a single SELECT statement can be run on the workspace; got ${got}`),
    ),
  });

describe('runReadOnlyQuery', () => {
  const open = useBrowseWorkspace();

  it('returns the columns and rows of a SELECT', () => {
    const { path } = withCustomers(open);
    expect(
      runReadOnlyQuery(path, 'SELECT id_type AS type, value FROM customer_ids ORDER BY value DESC LIMIT 2'),
    ).toEqual({
      columns: ['type', 'value'],
      rows: [
        ['registered', 'c'],
        ['registered', 'b'],
      ],
      truncated: false,
    });
  });

  it('runs WITH … SELECT, after leading comments, with a trailing semicolon', () => {
    const { path } = withCustomers(open);
    const sql = `-- how many
      /* customers */ WITH n AS (SELECT COUNT(*) AS total FROM customers) SELECT total, total * 2 FROM n;`;
    expect(runReadOnlyQuery(path, sql)).toEqual({
      columns: ['total', 'total * 2'],
      rows: [[3, 6]],
      truncated: false,
    });
  });

  it('stops at maxRows and says the rows were cut', () => {
    const { path } = withCustomers(open);
    const result = runReadOnlyQuery(path, 'SELECT id FROM customers ORDER BY id', { maxRows: 2 });
    expect(result.rows).toEqual([[1], [2]]);
    expect(result.truncated).toBe(true);
    expect(runReadOnlyQuery(path, 'SELECT id FROM customers', { maxRows: 3 }).truncated).toBe(false);
  });

  it('reads a workspace no other connection has open', () => {
    const workspace = open();
    addCustomer(workspace.db, [['registered', 'solo']]);
    workspace.close();
    expect(runReadOnlyQuery(workspace.databasePath, 'SELECT value FROM customer_ids').rows).toEqual([
      ['solo'],
    ]);
  });

  it.each([
    ['INSERT', "INSERT INTO customers (created_at, updated_at) VALUES ('x', 'y')", 'INSERT INTO customers'],
    ['UPDATE', "UPDATE customers SET updated_at = 'x'", 'UPDATE customers SET'],
    ['DELETE', 'DELETE FROM customers', 'DELETE FROM customers'],
    ['DROP', 'DROP TABLE customers', 'DROP TABLE customers'],
    ['ATTACH', "ATTACH DATABASE ':memory:' AS scratch", 'ATTACH DATABASE'],
    ['a PRAGMA write', 'PRAGMA user_version = 99', 'PRAGMA user_version = 99'],
    ['a write behind a comment', '/* SELECT */ -- SELECT\n DELETE FROM customers', 'DELETE FROM customers'],
    ['WITH … DELETE', 'WITH doomed AS (SELECT id FROM customers) DELETE FROM customers', 'WITH doomed AS'],
    ['two statements', 'SELECT 1; DELETE FROM customers', 'more than one statement'],
    ['nothing', '  -- only a comment', 'no statement'],
  ])('refuses %s and leaves the workspace unchanged', (_label, sql, got) => {
    const { path, count } = withCustomers(open);
    expect(() => runReadOnlyQuery(path, sql)).toThrow(refused(got));
    expect(count()).toBe(3);
  });

  it('reports SQLite’s own message for a syntax error or an unknown table', () => {
    const { path } = withCustomers(open);
    expect(() => runReadOnlyQuery(path, 'SELECT FROM WHERE')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('syntax error') }),
    );
    expect(() => runReadOnlyQuery(path, 'SELECT * FROM nowhere')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: 'no such table: nowhere' }),
    );
  });

  it('asks for the values of a query with parameters instead of failing obscurely', () => {
    const { path } = withCustomers(open);
    expect(() => runReadOnlyQuery(path, 'SELECT * FROM customers WHERE id = ?')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('parameters') }),
    );
  });

  it('answers NOT_FOUND for a workspace that does not exist, without creating it', () => {
    const workspace = open();
    const missing = join(workspace.dir, 'elsewhere', 'workspace.sqlite');
    expect(() => runReadOnlyQuery(missing, 'SELECT 1')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining(missing) }),
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a row limit below one', () => {
    const { path } = withCustomers(open);
    expect(() => runReadOnlyQuery(path, 'SELECT 1', { maxRows: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('row limit') }),
    );
  });
});
