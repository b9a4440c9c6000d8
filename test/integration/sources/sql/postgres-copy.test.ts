import { describe, expect, it } from 'vitest';
import { rowsAsCsv } from '../../../../src-main/services/read/csv/rows-as-csv';
import { parseCsvText } from '../../../../src-main/services/read/csv/parse-csv-text';
import type { SourceBytes } from '../../../../src-main/services/sources/connectors/connector';
import { sqlConnector } from '../../../../src-main/services/sources/connectors/sql';
import { makeTempDir } from '../../../support/temp-dir';
import { postgresUnderTest } from './sql-servers';

// A PostgreSQL run reads its rows through COPY (the database writes the CSV), its preview through
// the cursor (rows-as-csv writes it). Both must give every value the same text, or a column
// would preview one way and import another: booleans, bytea, timestamps (BC, infinity, year
// 10000, fractions), arrays, NULL against '', duplicate and odd column names, a query that ends in
// a semicolon or a comment.

const server = postgresUnderTest();
const temp = makeTempDir();

const QUERY = `SELECT
  g AS id, g AS id,
  g % 2 = 0 AS "flag", NULL::boolean AS unknown,
  decode(lpad(to_hex(g * 977), 8, '0'), 'hex') AS raw,
  repeat('x', 100)::bytea AS long_raw,
  timestamptz '2024-03-31 01:30:00.5+02' + g * interval '86460.25 seconds' AS utc_at,
  timestamp '2024-02-28 23:59:59.123456' + g * interval '3601 seconds' AS local_at,
  CASE g % 4 WHEN 0 THEN timestamptz 'infinity' WHEN 1 THEN timestamptz '0044-03-15 12:00:00+00 BC'
    WHEN 2 THEN timestamptz '10000-01-01 00:00:00+00' ELSE NULL END AS odd_at,
  ARRAY[g, g * 2, NULL] AS ints, ARRAY['a "b"', E'c,\\nd', NULL]::text[] AS texts,
  ARRAY[[true, false], [NULL, true]] AS bools, ARRAY[1.50, 'NaN']::numeric[] AS decimals,
  ARRAY[date '2024-01-01'] AS dates,
  CASE WHEN g % 3 = 0 THEN '' WHEN g % 3 = 1 THEN NULL ELSE 'said "hi", then left' END AS "odd ""name"", yes",
  (g * 1.1)::float8 AS ratio, '{"b": 1, "a": [1, 2]}'::jsonb AS doc
FROM generate_series(1, 40) AS g; -- the end`;

async function text(bytes: SourceBytes): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of bytes.stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// Skipped when the global setup could not start PostgreSQL (its apt package missing).
describe.skipIf(!server.available)('PostgreSQL rows through COPY', () => {
  const context = () => ({
    workspaceDir: temp.dir,
    connection: {
      id: 'copy-test',
      name: 'Copy test',
      settings: server.reader.settings,
      secret: server.reader.password,
    },
  });

  it('give every value the same text as the cursor path, header included', async () => {
    const spec = { kind: 'sql' as const, connectionId: 'copy-test', query: QUERY };
    const copied = await sqlConnector.fetchCsv!(spec, context());
    expect(copied).not.toBeNull();
    const viaCopy = parseCsvText(await text(copied!), ',', { final: true });
    const viaCursor = parseCsvText(await text(rowsAsCsv(await sqlConnector.fetch(spec, context()))), ',', {
      final: true,
    });
    expect(viaCopy).toHaveLength(41);
    expect(viaCopy[0]).toEqual([
      'id',
      'id',
      'flag',
      'unknown',
      'raw',
      'long_raw',
      'utc_at',
      'local_at',
      'odd_at',
      'ints',
      'texts',
      'bools',
      'decimals',
      'dates',
      'odd "name", yes',
      'ratio',
      'doc',
    ]);
    expect(viaCopy).toEqual(viaCursor);
    // What the shared text is, for the columns COPY alone would write otherwise.
    const second = viaCopy[2]!;
    expect(second.slice(2, 4)).toEqual(['true', '']);
    expect(second[6]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(second[9]).toBe('[2,4,null]');
    expect(viaCopy[5]![8]).toBe('0044-03-15 12:00:00+00 BC');
  });

  it('falls back to the cursor for a query without columns', async () => {
    const spec = {
      kind: 'sql' as const,
      connectionId: 'copy-test',
      query: 'SELECT FROM generate_series(1, 3)',
    };
    expect(await sqlConnector.fetchCsv!(spec, context())).toBeNull();
  });
});
