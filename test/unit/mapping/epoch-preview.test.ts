import { expect, it } from 'vitest';
import { epochPreview } from '../../../src-shared/mapping/epoch-preview';
import { col, mappingOf } from './fixtures';

// UNIX timestamps in the mapping grid show the moment they become (issue 16: "1717200000" said
// nothing to a new user).

it('shows the moment beside epoch seconds and milliseconds of a datetime column', () => {
  const preview = epochPreview(
    mappingOf('customers', [col('seen', { type: 'datetime' }), col('code', { type: 'number' })], {
      convertMilliseconds: true,
    }),
  );
  expect(preview(0, '1717200000')).toBe('1717200000 → 2024-06-01 00:00:00 UTC');
  expect(preview(0, ' 1717200000123 ')).toBe('1717200000123 → 2024-06-01 00:00:00 UTC');
  // Not an epoch: an ISO text, a short number, or a column of another type.
  expect(preview(0, '2024-06-01T10:00:00Z')).toBeNull();
  expect(preview(0, '12345')).toBeNull();
  expect(preview(1, '1717200000')).toBeNull();
});
