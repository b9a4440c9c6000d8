import { describe, expect, it } from 'vitest';
import {
  checkReadOnlySelect,
  type SqlDialect,
  statementBody,
} from '../../../../src-main/services/sources/connectors/sql/select-guard';

// The guard every SQL source passes before a driver connects: one SELECT that only reads, read
// the way each database reads its text (quotes, comments, dollar quotes, backslashes).

const refused = (sql: string, dialect: SqlDialect) => {
  try {
    checkReadOnlySelect(sql, dialect);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'THROWN';
  }
};

describe('the read-only SELECT guard', () => {
  it.each<[SqlDialect, string]>([
    ['postgres', 'SELECT 1'],
    ['postgres', 'select 1;  -- done\n'],
    ['postgres', "SELECT ';' AS semicolon, 'DELETE FROM t' AS text"],
    ['postgres', 'SELECT "delete", "x;y" FROM t'],
    ['postgres', 'SELECT t.delete, t.update FROM t'],
    ['postgres', "SELECT $$; DROP TABLE t$$, $tag$ it's ; $tag$"],
    ['postgres', "SELECT E'it\\'s; DELETE FROM t'"],
    ['postgres', 'SELECT /* a /* nested ; */ still ; a comment */ 1'],
    ['postgres', 'WITH x AS (SELECT 1) SELECT * FROM x'],
    ['postgres', 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n'],
    ['postgres', 'SELECT $1::int, a$b FROM t'],
    ['mysql', "SELECT 'it\\'s; DROP TABLE t' AS text"],
    ['mysql', 'SELECT `delete`, "a;b" FROM t # a comment; DROP TABLE t'],
    ['mysql', "SELECT insert('abc', 1, 1, 'x'), replace(a, 'x', 'y') FROM t"],
    ['mysql', 'SELECT 1 --1'],
    ['sqlite', 'SELECT [delete], `update` FROM t'],
  ])('lets %s read: %s', (dialect, sql) => {
    expect(refused(sql, dialect)).toBeNull();
  });

  it.each<[SqlDialect, string]>([
    ['postgres', 'DELETE FROM t'],
    ['postgres', 'VALUES (1)'],
    ['postgres', 'WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x'],
    ['postgres', 'WITH x AS MATERIALIZED (UPDATE t SET a = 1 RETURNING *) SELECT 1'],
    ['postgres', 'WITH x AS (SELECT 1), y AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1'],
    ['postgres', 'WITH x AS (SELECT 1) DELETE FROM t'],
    ['postgres', 'WITH x AS (SELECT 1) MERGE INTO t USING x ON true WHEN MATCHED THEN DELETE'],
    ['postgres', 'SELECT 1; DROP TABLE t'],
    ['postgres', 'SELECT 1;; DELETE FROM t'],
    ['postgres', "SELECT 'a'';' ; DROP TABLE t"],
    // In a standard string a backslash is a character: the string ends at the second quote.
    ['postgres', "SELECT 'a\\'; DROP TABLE t --'"],
    ['postgres', 'SELECT $$x$$; DROP TABLE t'],
    ['postgres', 'SELECT * INTO copied FROM t'],
    ['postgres', '/* SELECT */ DELETE FROM t'],
    ['mysql', "SELECT * FROM t INTO OUTFILE '/tmp/x'"],
    ['mysql', 'SELECT 1 INTO @x'],
    ['mysql', 'SELECT /*!50000 1; DROP TABLE t */'],
    ['mysql', 'SELECT /*M! 1 */ 2'],
    ['mysql', 'SELECT 1 -- x\n; DROP TABLE t'],
    ['mysql', 'WITH x AS (SELECT 1) UPDATE t SET a = 1'],
    ['sqlite', 'WITH x AS (SELECT 1) REPLACE INTO t VALUES (1)'],
    ['sqlite', "SELECT '[' ; DELETE FROM t"],
  ])('refuses in %s, before connecting: %s', (dialect, sql) => {
    expect(refused(sql, dialect)).toBe('VALIDATION');
  });

  it('says what it found and where', () => {
    expect(() =>
      checkReadOnlySelect('WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone', 'postgres'),
    ).toThrow(
      'A database query may only read, as one SELECT: it has DELETE at character 15, which changes data.',
    );
    expect(() => checkReadOnlySelect('SELECT 1; DROP TABLE t', 'mysql')).toThrow(
      /another statement after the ";" at character 9/,
    );
  });
});

describe('statementBody', () => {
  it('cuts the ending semicolon and what follows it, never one inside a literal or a comment', () => {
    expect(statementBody("SELECT ';' AS s; -- the end\n;", 'postgres')).toBe("SELECT ';' AS s");
    expect(statementBody('SELECT 1 /* ; */ -- ;', 'postgres')).toBe('SELECT 1 /* ; */ -- ;');
    expect(statementBody('SELECT $x$;$x$;', 'postgres')).toBe('SELECT $x$;$x$');
    expect(statementBody("SELECT 'a\\';' ;", 'mysql')).toBe("SELECT 'a\\';' ");
  });
});
