import { describe, expect, it } from 'vitest';
import {
  hashesColumn,
  personalKindOf,
  unhashedPersonalColumns,
} from '../../../src-shared/mapping/personal-data';
import type { ColumnMapping, ImportMapping } from '../../../src-shared/model/mapping';
import { defaultImportOptions } from '../../../src-shared/model/mapping';

function column(source: string, change: Partial<ColumnMapping> = {}): ColumnMapping {
  return {
    source,
    include: true,
    target: source,
    type: 'text',
    role: null,
    idType: null,
    trim: true,
    lowercase: false,
    timeZone: null,
    searchable: false,
    ...change,
  };
}

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
    ].map((name) => [name, personalKindOf(column(name))]);
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
    expect(personalKindOf(column('login', { role: 'id', idType: 'email_id' }))).toBe('email');
  });

  it("follows the user's choice over the guess, and names the personal columns sent unhashed", () => {
    expect(personalKindOf(column('email', { personal: null }))).toBeNull();
    expect(personalKindOf(column('nickname', { personal: 'other' }))).toBe('other');
    expect(hashesColumn(column('email', { hashPersonal: false }))).toBe(false);
    const mapping: ImportMapping = {
      importType: 'customers',
      options: defaultImportOptions(),
      columns: [column('email', { hashPersonal: false }), column('phone'), column('city')],
      statics: [],
    };
    expect(unhashedPersonalColumns(mapping)).toEqual(['email']);
  });
});
