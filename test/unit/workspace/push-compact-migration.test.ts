import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { DeltaMemory } from '../../../src-main/services/destinations/platform/delta-memory';
import { Outbox } from '../../../src-main/services/destinations/platform/outbox';
import { hash48 } from '../../../src-main/services/destinations/platform/record-hash';
import { migrations } from '../../../src-main/services/workspace/migrations';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { makeTempDir } from '../../support/temp-dir';
import { workspaceAtVersion } from './workspace-at-version';

// Migration 16 reshapes the push tables. A workspace of schema 15 with a killed run's requests in
// its outbox (one of them had left) and remembered fingerprints must come out with the same
// requests to resend, the same one marked as possibly received, and a delta that still skips what
// the destination took — under the numbers new runs compute.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Schema 15's fingerprint: base64url SHA-256, 22 characters (written here, as it was then). */
const oldFingerprint = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

it('carries a schema-15 outbox and delta over to the compact tables', () => {
  const { dir, db, remove } = workspaceAtVersion(15);
  cleanups.push(remove);
  const key = 'event:{"email_id":"abc"}:k1';
  const records = [
    { rowNumber: 7, key, fingerprint: oldFingerprint(key), command: { n: 7 } },
    { rowNumber: 8, key: 'event:{"email_id":"abc"}:k2', fingerprint: oldFingerprint('x'), command: { n: 8 } },
  ];
  const insert = db.prepare(
    `INSERT INTO control.push_outbox (run_id, seq, import_id, destination_id, request_id, body, records, state, attempts)
     VALUES (?, ?, 'imp', 'dest', ?, ?, ?, ?, ?)`,
  );
  insert.run('run-a', 1, 'run-a:1', '{"commands":[{"n":7},{"n":8}]}', JSON.stringify(records), 'sending', 2);
  insert.run('run-a', 2, 'run-a:2', '{"commands":[]}', '[]', 'pending', 0);
  const customerKey = 'customer:{"registered":"C1"}';
  const customerFingerprint = oldFingerprint('{"registered":"C1"}\n{"name":"Ann"}');
  db.prepare("INSERT INTO control.push_fingerprints VALUES ('dest', ?, ?, '2026-05-01T10:00:00.000Z')").run(
    customerKey,
    customerFingerprint,
  );
  db.close();

  const workspace = openWorkspace(dir);
  cleanups.push(() => workspace.close());
  expect(workspace.schemaVersion()).toBe(migrations.length);
  const tables = workspace.db
    .prepare(
      "SELECT name FROM control.sqlite_master WHERE type = 'table' AND name LIKE 'push_%' ORDER BY name",
    )
    .pluck()
    .all();
  expect(tables).toEqual(['push_acked', 'push_quarantine', 'push_requests', 'push_sending', 'push_sent']);

  const outbox = new Outbox(dir, 'dest', 'imp');
  cleanups.push(() => outbox.close());
  expect(outbox.leftBehindRuns(() => false)).toEqual(['run-a']);
  const [first, second] = outbox.requestsOf('run-a', 0, 10);
  expect(first).toMatchObject({ seq: 1, requestId: 'run-a:1', sending: true });
  expect(first!.records).toEqual([
    { rowNumber: 7, key, keyHash: hash48(key), fingerprint: hash48(key) },
    {
      rowNumber: 8,
      key: 'event:{"email_id":"abc"}:k2',
      keyHash: hash48('event:{"email_id":"abc"}:k2'),
      fingerprint: hash48('x'),
    },
  ]);
  expect(second).toMatchObject({ seq: 2, sending: false, records: [] });

  // The customer the destination took before the upgrade is still unchanged to the delta…
  const memory = new DeltaMemory(workspace.db, 'dest');
  const unchanged = memory.unchangedSince(Date.parse('2026-05-02T00:00:00Z'));
  expect(unchanged(hash48(customerKey), hash48('{"registered":"C1"}\n{"name":"Ann"}'))).toBe(true);
  // …a change to it is not, and neither is what was sent after the snapshot.
  expect(unchanged(hash48(customerKey), hash48('{"registered":"C1"}\n{"name":"Bo"}'))).toBe(false);
  expect(
    memory.unchangedSince(Date.parse('2026-05-01T00:00:00Z'))(
      hash48(customerKey),
      hash48('{"registered":"C1"}\n{"name":"Ann"}'),
    ),
  ).toBe(false);
});

it('folds acknowledgements into the delta in key order, the later of one key winning', () => {
  const temp = makeTempDir('intake-delta-merge-');
  cleanups.push(temp.remove);
  const workspace = openWorkspace(temp.dir);
  cleanups.push(() => workspace.close());
  const memory = new DeltaMemory(workspace.db, 'dest');
  expect(memory.unchangedSince(Date.now())(1, 1)).toBe(false);
  memory.append(1000, [
    [5, 50],
    [3, 30],
  ]);
  memory.append(2000, [
    [5, 51],
    [9, 90],
  ]);
  memory.merge();
  const rows = workspace.db
    .prepare(
      'SELECT key_hash, fingerprint, sent_at FROM control.push_sent WHERE destination_id = ? ORDER BY key_hash',
    )
    .raw()
    .all('dest');
  expect(rows).toEqual([
    [3, 30, 1000],
    [5, 51, 2000],
    [9, 90, 2000],
  ]);
  expect(workspace.db.prepare('SELECT COUNT(*) FROM control.push_acked').pluck().get()).toBe(0);
  const unchanged = memory.unchangedSince(3000);
  expect([unchanged(5, 51), unchanged(5, 50), unchanged(3, 30)]).toEqual([true, false, true]);
});
