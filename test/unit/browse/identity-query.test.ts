import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listIdentityLinks } from '../../../src-main/services/browse/identity-query';
import { T0_US, useBrowseWorkspace } from './support';

const NOW = Date.UTC(2026, 10, 23, 12);
const LINKED = '2026-11-01T00:00:00.000Z';
const LATER = '2027-05-01T00:00:00.000Z';

function addLink(
  db: Database,
  match: [string, string],
  identifier: [string, string],
  expiresAt: string,
  timestampUs: number | null = null,
): void {
  db.prepare(
    `INSERT INTO identity_links (match_type, match_value, id_type, id_value, timestamp_us, linked_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(...match, ...identifier, timestampUs, LINKED, expiresAt);
}

const page = (search = '', offset = 0, limit = 50) => ({ search, offset, limit });

describe('listIdentityLinks', () => {
  const open = useBrowseWorkspace();

  it('returns unexpired links only, even when the expired ones are not purged yet', () => {
    const { db } = open();
    addLink(db, ['email_id', 'ann@example.com'], ['cookie', 'ck-1'], LATER, T0_US + 123_456);
    addLink(db, ['email_id', 'old@example.com'], ['cookie', 'ck-0'], '2026-11-23T11:59:59.999Z');
    // Expiring exactly now counts as expired, as the lookups and the purge treat it.
    addLink(db, ['email_id', 'edge@example.com'], ['cookie', 'ck-e'], new Date(NOW).toISOString());
    const links = listIdentityLinks(db, page(), NOW);
    expect(links).toEqual({
      offset: 0,
      total: 1,
      items: [
        {
          matchType: 'email_id',
          matchValue: 'ann@example.com',
          idType: 'cookie',
          idValue: 'ck-1',
          timestamp: '2026-11-23T10:00:00.123456Z',
          linkedAt: LINKED,
          expiresAt: LATER,
        },
      ],
    });
    // The same rows a day earlier: all three were alive then.
    expect(listIdentityLinks(db, page(), NOW - 86_400_000).total).toBe(3);
  });

  it('pages in key order and leaves a missing timestamp null', () => {
    const { db } = open();
    addLink(db, ['email_id', 'b@x.io'], ['cookie', 'c2'], LATER);
    addLink(db, ['email_id', 'a@x.io'], ['cookie', 'c1'], LATER);
    addLink(db, ['email_id', 'c@x.io'], ['cookie', 'c3'], LATER);
    const second = listIdentityLinks(db, page('', 1, 1), NOW);
    expect(second.total).toBe(3);
    expect(second.items).toEqual([expect.objectContaining({ matchValue: 'b@x.io', timestamp: null })]);
  });

  it('searches match values and identifiers by part, case-insensitively', () => {
    const { db } = open();
    addLink(db, ['email_id', 'Ann@Example.com'], ['cookie', 'ck-1'], LATER);
    addLink(db, ['email_id', 'bob@example.com'], ['cookie', 'ANN-device'], LATER);
    addLink(db, ['email_id', 'carl@example.com'], ['cookie', 'ck-3'], LATER);
    addLink(db, ['email_id', 'ann@expired.com'], ['cookie', 'ck-4'], '2026-01-01T00:00:00.000Z');
    const found = listIdentityLinks(db, page('ann'), NOW);
    expect(found.total).toBe(2);
    expect(found.items.map((link) => link.idValue)).toEqual(['ck-1', 'ANN-device']);
    expect(listIdentityLinks(db, page('100%'), NOW).total).toBe(0);
  });
});
