import { afterAll, describe, expect, it } from 'vitest';
import { listIdentityLinks } from '../../../src-main/services/browse/identity-query';
import { findIdentityLinks } from '../../../src-main/services/destinations/workspace/identity-links';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countsOf, editOptions, plusDays, quick, recipeFor, rejectsOf } from './run-helpers';

// Identity (DESIGN.md §4): a link between a match key and an identifier (each with its ID type),
// optional timestamp, kept for the retention (2–180 days, default 180); an expired link is never
// returned and is purged by the next run.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const FLAGS = quick('identity', {
  roles: ['match_key=match_key:email_id', 'identifier=identifier:cookie'],
  timestamp: 'ts',
});

interface LinkRow {
  match_type: string;
  match_value: string;
  id_type: string;
  id_value: string;
  timestamp_us: number | null;
  linked_at: string;
  expires_at: string;
}

function linksOf(matchValue: string): LinkRow[] {
  return rows<LinkRow>(
    runtime,
    'SELECT match_type, match_value, id_type, id_value, timestamp_us, linked_at, expires_at FROM identity_links WHERE match_value = ? ORDER BY id_value',
    matchValue,
  );
}

const linked = (links: { identifier: { value: string } }[]) => links.map((link) => link.identifier.value);

describe('identity import', () => {
  it('links a match key to an identifier for 180 days by default; a link imported again is renewed', async () => {
    const file = writeFixture(
      temp.dir,
      'links.csv',
      'match_key,identifier,ts\n' +
        'a@example.com, c1 ,2026-01-01T00:00:00Z\n' +
        'a@example.com,c2,\n' +
        ',c3,2026-01-01T00:00:00Z\n' +
        'b@example.com,,2026-01-01T00:00:00Z\n' +
        'a@example.com,c1,2026-01-02T00:00:00Z\n',
    );
    const run = await importAndWait(runtime, { file, quick: FLAGS });

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 2,
      updated: 1,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      { row_number: 4, column_name: 'match_key', value: '', reason: 'No valid match key' },
      { row_number: 5, column_name: 'identifier', value: '', reason: 'No valid identifier' },
    ]);
    const links = linksOf('a@example.com');
    expect(links.map((link) => [link.match_type, link.id_type, link.id_value, link.timestamp_us])).toEqual([
      ['email_id', 'cookie', 'c1', Date.parse('2026-01-02T00:00:00Z') * 1000],
      ['email_id', 'cookie', 'c2', null],
    ]);
    for (const link of links) expect(link.expires_at).toBe(plusDays(link.linked_at, 180));

    // Lookups go both ways, and stop at the expiry.
    const now = Date.now();
    expect(
      linked(findIdentityLinks(runtime.workspace.db, { idType: 'email_id', value: 'a@example.com' }, now)),
    ).toEqual(['c1', 'c2']);
    const byCookie = findIdentityLinks(runtime.workspace.db, { idType: 'cookie', value: 'c2' }, now);
    expect(byCookie.map((link) => link.matchKey)).toEqual([{ idType: 'email_id', value: 'a@example.com' }]);
    const later = Date.parse(links[0]!.expires_at) + 1;
    expect(
      findIdentityLinks(runtime.workspace.db, { idType: 'email_id', value: 'a@example.com' }, later),
    ).toEqual([]);

    // The same links again: renewed, not new.
    const again = await importAndWait(runtime, { file, quick: FLAGS });
    expect(countsOf(again)).toEqual({
      read: 5,
      imported: 0,
      updated: 3,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(linksOf('a@example.com')).toHaveLength(2);
  });

  it('keeps links for the import’s retention (2 days), and a later import renews them for its own', async () => {
    const file = writeFixture(temp.dir, 'short.csv', 'match_key,identifier,ts\nshort@example.com,s1,\n');
    const recipe = await recipeFor(
      runtime,
      file,
      FLAGS,
      (m) => editOptions(m, { retentionDays: 2 }),
      'short links',
    );
    expect(countsOf(await importAndWait(runtime, { file, recipe }))).toMatchObject({ imported: 1 });
    const [link] = linksOf('short@example.com');
    expect(link!.expires_at).toBe(plusDays(link!.linked_at, 2));
    const in3Days = Date.parse(plusDays(link!.linked_at, 3));
    expect(findIdentityLinks(runtime.workspace.db, { idType: 'cookie', value: 's1' }, in3Days)).toEqual([]);

    const long = await importAndWait(runtime, { file, quick: FLAGS });
    expect(countsOf(long)).toMatchObject({ imported: 0, updated: 1 });
    const [renewed] = linksOf('short@example.com');
    expect(renewed!.expires_at).toBe(plusDays(renewed!.linked_at, 180));
    expect(
      findIdentityLinks(runtime.workspace.db, { idType: 'cookie', value: 's1' }, in3Days).map(
        (found) => found.matchKey.value,
      ),
    ).toEqual(['short@example.com']);
  });

  it('never returns an expired link, and the next run purges it', async () => {
    const file = writeFixture(
      temp.dir,
      'expiring.csv',
      'match_key,identifier,ts\nx@example.com,k1,\nx@example.com,k2,\n',
    );
    expect(countsOf(await importAndWait(runtime, { file, quick: FLAGS }))).toMatchObject({ imported: 2 });
    runtime.workspace.db
      .prepare("UPDATE identity_links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id_value = 'k1'")
      .run();

    const db = runtime.workspace.db;
    expect(linked(findIdentityLinks(db, { idType: 'email_id', value: 'x@example.com' }, Date.now()))).toEqual(
      ['k2'],
    );
    expect(findIdentityLinks(db, { idType: 'cookie', value: 'k1' }, Date.now())).toEqual([]);
    const page = listIdentityLinks(db, { search: 'x@example', offset: 0, limit: 50 });
    expect(page.total).toBe(1);
    expect(page.items.map((item) => item.idValue)).toEqual(['k2']);
    // Hidden, not yet gone.
    expect(linksOf('x@example.com')).toHaveLength(2);

    // Any next run (here a customers import) purges what has expired when its processing starts.
    const other = writeFixture(temp.dir, 'unrelated-customers.csv', 'registered,first_name\nid-purge,P\n');
    countsOf(await importAndWait(runtime, { file: other, quick: quick('customers') }));
    expect(linksOf('x@example.com').map((link) => link.id_value)).toEqual(['k2']);
  });
});
