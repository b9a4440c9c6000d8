import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SinceCondition } from '../../../../src-main/services/sources/connectors/connector';
import {
  incrementalQuery,
  quoteName,
  sinceValue,
} from '../../../../src-main/services/sources/connectors/sql/incremental-query';

// The condition an incremental run pushes into a database query: the user's query wrapped whole,
// the time field quoted as an identifier whatever its name, and the cursor only ever bound.

const CURSOR = '2026-03-29T01:30:00.123456Z';
const since = (patch: Partial<SinceCondition> = {}): SinceCondition => ({
  column: 'created_at',
  value: CURSOR,
  timeZone: 'UTC',
  milliseconds: false,
  ...patch,
});

describe('incremental queries', () => {
  it('quotes a hostile column name as one identifier in each dialect', () => {
    expect(quoteName('a"b', 'postgres')).toBe('"a""b"');
    expect(quoteName('a"b', 'sqlite')).toBe('"a""b"');
    expect(quoteName('a`b', 'mysql')).toBe('`a``b`');
    expect(quoteName('x" OR 1=1 --', 'postgres')).toBe('"x"" OR 1=1 --"');
  });

  it('wraps the query whole, cutting only its final semicolon, and binds the value', () => {
    const sql = "SELECT id, created_at FROM events WHERE note <> ';' ; -- last\n";
    expect(incrementalQuery(sql, 'postgres', 'created_at', 'instant', '$1')).toBe(
      `SELECT * FROM (\nSELECT id, created_at FROM events WHERE note <> ';' \n) AS intake_incremental ` +
        'WHERE "created_at" IS NULL OR "created_at" > $1::timestamptz',
    );
    expect(incrementalQuery('SELECT * FROM t -- trailing', 'mysql', 'at', 'wall', '@intake_since')).toBe(
      'SELECT * FROM (\nSELECT * FROM t -- trailing\n) AS intake_incremental ' +
        'WHERE `at` IS NULL OR `at` > CAST(@intake_since AS DATETIME(6)) ORDER BY `at`',
    );
    expect(incrementalQuery('SELECT * FROM t', 'postgres', 'n', 'unix', '$1')).toContain(
      '"n" >= $1::numeric',
    );
    expect(incrementalQuery('SELECT * FROM t', 'sqlite', 'at', 'unix', '?')).toBe(
      'SELECT * FROM (\nSELECT * FROM t\n) AS intake_incremental ' +
        `WHERE "at" IS NULL OR typeof("at") NOT IN ('integer', 'real') OR "at" >= ?`,
    );
  });

  it('never writes the value into the text: a hostile cursor or column changes nothing', () => {
    const hostile = since({ column: 'a"b', value: "2026-01-01T00:00:00.000000Z'; DROP TABLE t; --" });
    const text = incrementalQuery('SELECT 1 AS "a""b"', 'postgres', hostile.column, 'instant', '$1');
    expect(text).not.toContain('DROP');
    expect(text).not.toContain('2026');
    expect(text).toContain('"a""b" IS NULL');
  });

  it('binds the cursor as the column type reads it', () => {
    // An instant: PostgreSQL reads the ISO text with its Z; MySQL the UTC date and time.
    expect(sinceValue(since(), 'instant', 'postgres')).toBe(CURSOR);
    expect(sinceValue(since(), 'instant', 'mysql')).toBe('2026-03-29 01:30:00.123456');
    // A wall-clock column read in Europe/Prague: 01:30 UTC on the day clocks go forward is 03:30.
    expect(sinceValue(since({ timeZone: 'Europe/Prague' }), 'wall', 'postgres')).toBe(
      '2026-03-29 03:30:00.123456',
    );
    expect(sinceValue(since({ timeZone: 'Europe/Prague' }), 'wall', 'mysql')).toBe(
      '2026-03-29 03:30:00.123456',
    );
    expect(sinceValue(since({ timeZone: 'UTC' }), 'wall', 'mysql')).toBe('2026-03-29 01:30:00.123456');
    // UNIX seconds: the whole second, compared with >= (exact as an integer everywhere).
    expect(sinceValue(since(), 'unix', 'sqlite')).toBe(1774747800);
    expect(sinceValue(since(), 'unix', 'postgres')).toBe('1774747800');
    expect(sinceValue(since({ value: '1969-12-31T23:59:59.500000Z' }), 'unix', 'mysql')).toBe(-1);
    // No exact comparison: milliseconds mixed with seconds, an unknown zone.
    expect(sinceValue(since({ milliseconds: true }), 'unix', 'sqlite')).toBeNull();
    expect(sinceValue(since({ timeZone: 'Mars/Olympus' }), 'wall', 'postgres')).toBeNull();
  });

  it('filters in SQLite with the value bound: numbers compared, text and nulls passed on', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE TABLE "odd ""table""" ("a""b" NUMERIC, id INTEGER);
      INSERT INTO "odd ""table""" VALUES (1774747799, 1), (1774747800, 2), (1774747801, 3), (NULL, 4),
        ('2026-03-29T01:30:00Z', 5), (1774747800.5, 6);`);
    const query = 'SELECT * FROM "odd ""table""" ORDER BY id;';
    const value = sinceValue(since({ column: 'a"b' }), 'unix', 'sqlite');
    const text = incrementalQuery(query, 'sqlite', 'a"b', 'unix', '?');
    const ids = db
      .prepare(text)
      .all(value)
      .map((row) => (row as { id: number }).id);
    expect(ids).toEqual([2, 3, 4, 5, 6]);
    db.close();
  });
});
