import { describe, expect, it } from 'vitest';
import {
  hashesColumn,
  personalKindOf,
  unhashedPersonalColumns,
} from '../../../src-shared/mapping/personal-data';
import { mappingOf, col } from './fixtures';

describe('which columns hold personal data', () => {
  it('recognises emails and phones by name or ID type, in the languages headers are written in', () => {
    const kinds = [
      'email',
      'E-mail',
      'customer_email',
      'Mail',
      'phone_number',
      'Mobile',
      'telefon',
      'city',
      'emailing_list',
    ].map((name) => [name, personalKindOf(col(name))]);
    expect(kinds).toEqual([
      ['email', 'email'],
      ['E-mail', 'email'],
      ['customer_email', 'email'],
      ['Mail', 'email'],
      ['phone_number', 'phone'],
      ['Mobile', 'phone'],
      ['telefon', 'phone'],
      ['city', null],
      ['emailing_list', null],
    ]);
    expect(personalKindOf(col('login', { role: 'id', idType: 'email_id' }))).toBe('email');
  });

  it("follows the user's choice over the guess, and names the personal columns sent unhashed", () => {
    expect(personalKindOf(col('email', { personal: null }))).toBeNull();
    expect(personalKindOf(col('nickname', { personal: 'other' }))).toBe('other');
    expect(hashesColumn(col('email', { hashPersonal: false }))).toBe(false);
    const mapping = mappingOf('customers', [
      col('email', { hashPersonal: false }),
      col('phone'),
      col('city'),
    ]);
    expect(unhashedPersonalColumns(mapping)).toEqual(['email']);
  });
});
