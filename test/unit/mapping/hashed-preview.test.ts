import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { hashedPreview } from '../../../src-shared/mapping/hashed-preview';
import { col, idCol, mappingOf } from './fixtures';

// The mapping grid's preview of the PII guardrail shows what a personal-data cell becomes when it
// leaves the machine: the column's transforms, the push's normalisation, then SHA-256 (checked
// here against Node's own) — or that the row will be refused.

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

it('shows the hash a push sends for emails, phones and IDs, and leaves other columns alone', () => {
  const preview = hashedPreview(
    mappingOf(
      'customers',
      [
        idCol('email', 'email_id'),
        col('phone'),
        col('name'),
        col('note', { personal: 'other', lowercase: true }),
      ],
      { phoneCountry: 'CZ' },
    ),
  );
  expect(preview(0, '  Ann.Smith+news@Example.COM ')).toEqual({
    text: sha('ann.smith+news@example.com'),
    refused: false,
    title: `ann.smith+news@example.com → SHA-256 ${sha('ann.smith+news@example.com')}`,
  });
  expect(preview(1, '602 123 456')?.text).toBe(sha('+420602123456'));
  expect(preview(1, '+1 (415) 555-0100')?.text).toBe(sha('+14155550100'));
  expect(preview(2, 'Ann')).toBeNull();
  // A column marked personal: its own transforms (lowercase), then trimmed and hashed.
  expect(preview(3, ' VIP ')?.text).toBe(sha('vip'));
  expect(preview(1, '')).toBeNull();
});

it('says which values would be refused instead of sent', () => {
  const preview = hashedPreview(mappingOf('customers', [idCol('email', 'email_id'), col('mobile')]));
  expect(preview(0, 'not an address')).toMatchObject({ refused: true, text: 'not a valid email' });
  expect(preview(1, '12')).toMatchObject({ refused: true, text: 'not a valid phone' });
  expect(preview(1, '12')?.title).toContain('never sent as it is');
});

it('previews nothing for a column sent unhashed or not sent at all', () => {
  const preview = hashedPreview(
    mappingOf('customers', [
      idCol('email', 'email_id', { hashPersonal: false }),
      col('phone', { include: false }),
    ]),
  );
  expect(preview(0, 'ann@example.com')).toBeNull();
  expect(preview(1, '+420602123456')).toBeNull();
});
