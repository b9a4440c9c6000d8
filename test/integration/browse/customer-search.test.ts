import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { importFile } from '../../../src-main/services/runs/import-file';
import type { CustomerSummary, Page } from '../../../src-shared/model/browse';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { quick } from '../runs/run-helpers';

// The Data page's customer search over what a real import wrote: customers known by a registered
// ID only, found by the start of their email, phone or name through the host's handler table.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

async function search(text: string, offset = 0): Promise<Page<CustomerSummary>> {
  const result = await dispatch(runtime.handlers, 'browse:customers', { search: text, offset, limit: 50 });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as Page<CustomerSummary>;
}

describe('searching customers an import wrote', () => {
  it('finds them by email and phone, IDs first, saying what matched', async () => {
    const file = join(temp.dir, 'customers.csv');
    writeFileSync(
      file,
      [
        'customer_id,e-mail,mobile,first name,surname,city',
        'C-1,Jana.Novakova@Example.cz,+420 777 111 222,Jana,Nováková,Praha',
        'C-2,petr.svoboda@example.cz,+420 603 333 444,Petr,Svoboda,Brno',
        // An ID containing "jana" beats the attributes starting with it.
        'JANA-3,eva@example.cz,+420 608 555 666,Eva,Černá,Jana',
        '',
      ].join('\n'),
    );
    const { run } = await importFile(runtime, {
      file,
      quick: quick('customers', { ids: ['customer_id=registered'] }),
    });
    expect((await runtime.runs.settled(run.id)).status).toBe('succeeded');

    // The headers went to the standard attributes (e-mail → email, mobile → phone).
    const byEmail = await search('jana.novakova@');
    expect(byEmail.total).toBe(1);
    expect(byEmail.items[0]).toMatchObject({
      ids: [{ idType: 'registered', value: 'C-1' }],
      match: { kind: 'attribute', name: 'email', value: 'Jana.Novakova@Example.cz', at: 0, length: 14 },
    });
    expect((await search('+420 603')).items.map((item) => item.ids[0]?.value)).toEqual(['C-2']);
    // Names are not searched.
    expect((await search('svoboda')).total).toBe(0);

    const jana = await search('jana');
    expect(jana.total).toBe(2);
    expect(jana.items.map((item) => [item.ids[0]?.value, item.match?.kind])).toEqual([
      ['JANA-3', 'id'],
      ['C-1', 'attribute'],
    ]);
    // A city is not a contact attribute; the middle of an email is not its start.
    expect((await search('Praha')).total).toBe(0);
    expect((await search('example.cz')).total).toBe(0);
  });
});
