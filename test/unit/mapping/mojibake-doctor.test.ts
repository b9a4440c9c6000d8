import { expect, it } from 'vitest';
import { ColumnProfiler } from '../../../src-shared/mapping/column-profile';
import { createRowMapper } from '../../../src-shared/mapping/map-row';
import { setTransforms } from '../../../src-shared/mapping/mapping-edits';
import { col, idCol, mappingOf } from './fixtures';

// The mojibake doctor in the mapping: the profile finds and counts repairable values with a before
// and after, nothing changes until the column says so, and then the run's records are repaired
// (before trim and lowercase), the undone edit leaving them as they were.

it('profiles garbled values: how many, and a few before and after, distinct', () => {
  const profiler = new ColumnProfiler();
  for (const value of ['CafÃ©', 'CafÃ©', 'Ã‰cole', 'plain', 'SÃO PAULO', 'itâ€™s', '']) profiler.add(value);
  expect(profiler.result().mojibake).toEqual({
    count: 4,
    examples: [
      { before: 'CafÃ©', after: 'Café' },
      { before: 'Ã‰cole', after: 'École' },
      { before: 'itâ€™s', after: 'it’s' },
    ],
  });
  const clean = new ColumnProfiler();
  clean.add('Café');
  expect(clean.result().mojibake).toBeUndefined();
});

it('repairs a column’s values in the run only once the user says so, before trim and lowercase', () => {
  const before = mappingOf('customers', [idCol('id', 'registered'), col('city', { lowercase: true })]);
  const raw = ['c1', ' PraÅ¾skÃ¡ '];
  const asIs = createRowMapper(before)(raw, 2);
  expect(asIs.ok && asIs.record.attributes[0]?.value).toBe(' praå¾skã¡ ');

  const repaired = setTransforms(before, 1, { repairMojibake: true, trim: true });
  const mapped = createRowMapper(repaired)(raw, 2);
  expect(mapped.ok && mapped.record.attributes[0]?.value).toBe('pražská');

  const undone = setTransforms(repaired, 1, { repairMojibake: false });
  const again = createRowMapper(undone)(raw, 2);
  expect(again.ok && again.record.attributes[0]?.value).toBe('praå¾skã¡');
});
