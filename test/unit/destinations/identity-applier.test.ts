import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IdentityApplier } from '../../../src-main/services/destinations/workspace/identity-applier';
import {
  findIdentityLinks,
  purgeExpiredIdentityLinks,
} from '../../../src-main/services/destinations/workspace/identity-links';
import type { MappedRecord } from '../../../src-shared/mapping/map-row';
import type { ImportOptions } from '../../../src-shared/model/mapping';
import { mappingOf, roleCol } from '../mapping/fixtures';
import {
  applyIn,
  counts,
  DAY,
  isoDay,
  recordsOf,
  rows,
  snapshot,
  T0,
  useWorkspace,
  NO_IMPORT,
} from './support';

const identity = (options: Partial<ImportOptions> = {}) =>
  mappingOf(
    'identity',
    [
      roleCol('email', 'match_key', { idType: 'email_id', trim: true }),
      roleCol('cookie', 'identifier', { idType: 'cookie', trim: true }),
      roleCol('ts', 'timestamp'),
    ],
    options,
  );

const links = (db: Database) =>
  rows(
    db,
    'SELECT match_type, match_value, id_type, id_value, timestamp_us, linked_at, expires_at FROM identity_links ORDER BY match_value, id_value',
  );

describe('IdentityApplier', () => {
  const open = useWorkspace();

  it('links the match key and the identifier, expiring 180 days after processing by default', () => {
    const db = open();
    const mapping = identity();
    const result = applyIn(
      db,
      new IdentityApplier(db, mapping, NO_IMPORT),
      recordsOf(mapping, [
        [' a@x.io ', 'c1', '2024-03-01T10:00:00.000001Z'],
        ['a@x.io', 'c2', ''],
      ]),
    );
    expect(result).toEqual(counts(2, 0, 0));
    expect(links(db)).toEqual([
      {
        match_type: 'email_id',
        match_value: 'a@x.io',
        id_type: 'cookie',
        id_value: 'c1',
        timestamp_us: 1709287200000001,
        linked_at: isoDay(0),
        expires_at: isoDay(180),
      },
      {
        match_type: 'email_id',
        match_value: 'a@x.io',
        id_type: 'cookie',
        id_value: 'c2',
        timestamp_us: null,
        linked_at: isoDay(0),
        expires_at: isoDay(180),
      },
    ]);
  });

  it('renews a link imported again (updated) and counts an expired, unpurged one as new', () => {
    const db = open();
    const mapping = identity({ retentionDays: 30 });
    const applier = new IdentityApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [['a@x.io', 'c1', '']]);
    applyIn(db, applier, batch, T0);
    expect(applyIn(db, applier, batch, T0 + 10 * DAY)).toEqual(counts(0, 1, 0));
    expect(links(db)).toEqual([expect.objectContaining({ linked_at: isoDay(10), expires_at: isoDay(40) })]);
    expect(applyIn(db, applier, batch, T0 + 40 * DAY)).toEqual(counts(1, 0, 0));
    expect(links(db)).toEqual([expect.objectContaining({ expires_at: isoDay(70) })]);
  });

  it('returns only unexpired links, from either side, and purges the expired ones', () => {
    const db = open();
    const shortLived = identity({ retentionDays: 2 });
    const longLived = identity();
    applyIn(
      db,
      new IdentityApplier(db, shortLived, NO_IMPORT),
      recordsOf(shortLived, [['a@x.io', 'c1', '']]),
    );
    applyIn(db, new IdentityApplier(db, longLived, NO_IMPORT), recordsOf(longLived, [['a@x.io', 'c2', '']]));

    const email = { idType: 'email_id', value: 'a@x.io' };
    const other = (at: number) =>
      findIdentityLinks(db, email, at).map((link) => `${link.identifier.idType}:${link.identifier.value}`);
    expect(other(T0 + DAY)).toEqual(['cookie:c1', 'cookie:c2']);
    expect(other(T0 + 2 * DAY)).toEqual(['cookie:c2']);
    expect(findIdentityLinks(db, { idType: 'cookie', value: 'c2' }, T0)).toEqual([
      {
        matchKey: email,
        identifier: { idType: 'cookie', value: 'c2' },
        timestampUs: null,
        linkedAt: isoDay(0),
        expiresAt: isoDay(180),
      },
    ]);
    expect(findIdentityLinks(db, { idType: 'cookie', value: 'c1' }, T0 + 3 * DAY)).toEqual([]);

    expect(purgeExpiredIdentityLinks(db, T0 + DAY)).toBe(0);
    expect(purgeExpiredIdentityLinks(db, T0 + 2 * DAY)).toBe(1);
    expect(links(db)).toEqual([expect.objectContaining({ id_value: 'c2' })]);
  });

  it('rejects a record without a match key or an identifier', () => {
    const db = open();
    const mapping = identity();
    const [record] = recordsOf(mapping, [['a@x.io', 'c1', '']]);
    const noMatch: MappedRecord = { ...record!, rowNumber: 5, matchKey: null };
    const noIdentifier: MappedRecord = { ...record!, rowNumber: 6, identifier: null };
    expect(
      applyIn(db, new IdentityApplier(db, mapping, NO_IMPORT), [noMatch, noIdentifier]).rejected,
    ).toEqual([
      { rowNumber: 5, column: 'email', value: '', reason: 'No valid match key' },
      { rowNumber: 6, column: 'cookie', value: '', reason: 'No valid identifier' },
    ]);
    expect(links(db)).toEqual([]);
  });

  it('reaches the identical final state when the same batch is applied twice', () => {
    const db = open();
    const mapping = identity({ retentionDays: 90 });
    const applier = new IdentityApplier(db, mapping, NO_IMPORT);
    const batch = recordsOf(mapping, [
      ['a@x.io', 'c1', '2024-01-01'],
      ['b@x.io', 'c1', '2024-01-02'],
      ['a@x.io', 'c1', '2024-01-03'],
    ]);
    expect(applyIn(db, applier, batch)).toEqual(counts(2, 1, 0));
    const once = snapshot(db, ['identity_links']);
    expect(applyIn(db, applier, batch)).toEqual(counts(0, 3, 0));
    expect(snapshot(db, ['identity_links'])).toEqual(once);
  });
});
