import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src-main/services/workspace/workspace';
import { assertSoundWorkspace } from '../../support/sound-workspace';
import { makeTempDir } from '../../support/temp-dir';

// Every test runtime's dispose() ends with assertSoundWorkspace, the check that stands in for the
// foreign keys a run's writer no longer enforces (issue 18). It must pass a sound workspace and
// fail one with a row that names a missing parent.

const temp = makeTempDir('intake-sound-');
afterAll(() => temp.remove());

describe('the soundness check every test workspace ends with', () => {
  it('passes a workspace whose rows all name existing parents', () => {
    const workspace = openWorkspace(`${temp.dir}/sound`);
    workspace.db.prepare("INSERT INTO customers (id, created_at, updated_at) VALUES (1, 't', 't')").run();
    workspace.db
      .prepare(
        "INSERT INTO customer_ids (id_type, value, customer_id, linked_us) VALUES ('email_id', 'a@x.cz', 1, 1)",
      )
      .run();
    workspace.close();
    expect(() => assertSoundWorkspace(`${temp.dir}/sound`)).not.toThrow();
  });

  it('fails a workspace where an event names a customer that does not exist, naming the table', () => {
    const workspace = openWorkspace(`${temp.dir}/orphan`);
    // As a run's writer does: foreign keys off, so SQLite lets the orphan in.
    workspace.db.pragma('foreign_keys = OFF');
    workspace.db.prepare("INSERT INTO event_attribute_types (id, types) VALUES (1, '[]')").run();
    workspace.db.prepare("INSERT INTO event_runs (number, run_id, processed_us) VALUES (1, 'r', 0)").run();
    workspace.db
      .prepare(
        `INSERT INTO events (customer_id, event_type, timestamp_us, attributes, types_id, run_number, dedup_until_us)
         VALUES (42, 'purchase', 0, '[]', 1, 1, 0)`,
      )
      .run();
    workspace.close();
    expect(() => assertSoundWorkspace(`${temp.dir}/orphan`)).toThrow(
      /main\.foreign_key_check: 1 rows \(events row 1 names a missing customers\)/,
    );
  });
});
