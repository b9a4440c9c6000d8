import { describe, expect, it } from 'vitest';
import {
  matchAttribute,
  matchAttributes,
  normalizeName,
  suggestAttributeName,
} from '../../../src-shared/mapping/auto-match';
import type { Attribute } from '../../../src-shared/model/id-type';

const attributes = (...names: string[]): Attribute[] => names.map((name) => ({ name, type: 'text' }));

describe('normalizeName', () => {
  it.each([
    ['Prénom', 'prenom'],
    ['Ångström Ünïcödé', 'angstrom_unicode'],
    ['firstName', 'first_name'],
    ['FirstName', 'first_name'],
    ['FIRST_NAME', 'first_name'],
    ['userID', 'user_id'],
    ['XMLHttpRequest', 'xml_http_request'],
    ['E-Mail Address', 'e_mail_address'],
    ['  __Straße  Nr.__ ', 'strasse_nr'],
    ['Ｅｍａｉｌ', 'email'],
    ['İstanbul', 'istanbul'],
    ['address_line_2', 'address_line_2'],
    ['first__name', 'first_name'],
    ['日本語', ''],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});

describe('matchAttribute', () => {
  it('prefers an exact match over a normalized one', () => {
    expect(matchAttribute('Email', attributes('email', 'Email'))).toEqual({
      attribute: 'Email',
      how: 'exact',
      score: 1,
    });
  });

  it('matches names equal once normalized', () => {
    expect(matchAttribute('First Name', attributes('email', 'first_name'))).toEqual({
      attribute: 'first_name',
      how: 'normalized',
      score: 0.98,
    });
    expect(matchAttribute('Prénom', attributes('prenom'))?.how).toBe('normalized');
    expect(matchAttribute('firstName', attributes('first_name'))?.how).toBe('normalized');
  });

  it.each([
    ['firstname', 'first_name'],
    ['E-Mail', 'email'],
    ['emial', 'email'],
    ['adress', 'address'],
    ['frist_name', 'first_name'],
    ['price', 'prices'],
    ['Prices', 'price'],
    ['cust_email', 'email'],
    ['Billing Email', 'email'],
  ])('matches %j fuzzily to %j', (header, attribute) => {
    const match = matchAttribute(header, attributes('id', 'country', attribute));
    expect(match).toMatchObject({ attribute, how: 'fuzzy' });
    expect(match!.score).toBeGreaterThanOrEqual(0.85);
    expect(match!.score).toBeLessThan(0.98);
  });

  it.each([
    ['id', 'ide'],
    ['ide', 'id'],
    ['name', 'game'],
    ['date', 'data'],
    ['order_rate', 'order_date'],
    ['state', 'status'],
    ['address_line_1', 'address_line_2'],
    ['email2', 'email'],
    ['total_price', 'price'],
    ['first_name', 'name'],
    ['ip_address', 'address'],
    ['email_verified', 'email'],
    ['customer_id', 'id'],
    ['lastname', 'first_name'],
  ])('rejects the near miss %j → %j', (header, attribute) => {
    expect(matchAttribute(header, attributes(attribute))).toBeNull();
  });

  it('lets total_price match total_price exactly when price exists too', () => {
    expect(matchAttribute('total_price', attributes('price', 'total_price'))).toMatchObject({
      attribute: 'total_price',
      how: 'exact',
    });
  });

  it.each([
    ['fn', 'first_name'],
    ['FName', 'first_name'],
    ['Surname', 'last_name'],
    ['E-Mail Address', 'email'],
    ['Tel', 'phone'],
    ['mobile', 'phone_number'],
    ['DOB', 'birthday'],
    ['date of birth', 'birthday'],
    ['Zip', 'zip_code'],
    ['Postcode', 'zip_code'],
  ])('maps the abbreviation or synonym %j to the existing %j', (header, attribute) => {
    expect(matchAttribute(header, attributes('city', attribute))).toEqual({
      attribute,
      how: 'fuzzy',
      score: 0.94,
    });
  });

  it('never matches names of 3 characters or fewer fuzzily, even spelled apart', () => {
    expect(matchAttribute('I.D.', attributes('id'))).toBeNull();
    expect(matchAttribute('S K U', attributes('sku'))).toBeNull();
  });

  it('never offers a synonym whose attribute does not exist', () => {
    expect(matchAttribute('fn', attributes('last_name', 'email', 'function'))).toBeNull();
    expect(matchAttribute('DOB', attributes('date', 'job'))).toBeNull();
  });

  it('prefers a synonym over a qualified name: E-Mail Address is an email, not an address', () => {
    expect(matchAttribute('E-Mail Address', attributes('address', 'email'))?.attribute).toBe('email');
  });

  it('picks the closest of several fuzzy candidates', () => {
    expect(matchAttribute('lastname', attributes('first_name', 'last_name'))?.attribute).toBe('last_name');
    expect(matchAttribute('emial', attributes('emails', 'email'))?.attribute).toBe('email');
  });

  it('scores closer typos higher', () => {
    const near = matchAttribute('adress', attributes('address'))!.score;
    const far = matchAttribute('dadress', attributes('address'))!.score;
    expect(near).toBeGreaterThan(far);
  });

  it('returns null without attributes or without a usable header', () => {
    expect(matchAttribute('email', [])).toBeNull();
    expect(matchAttribute('', attributes('email'))).toBeNull();
    expect(matchAttribute('日本語', attributes('email', 'column'))).toBeNull();
  });

  it('still matches a non-Latin header exactly', () => {
    expect(matchAttribute('日本語', attributes('email', '日本語'))?.how).toBe('exact');
  });
});

describe('matchAttributes', () => {
  it('gives an attribute to the best-scoring header only', () => {
    expect(matchAttributes(['E-Mail Address', 'Email', 'fname'], attributes('email', 'first_name'))).toEqual([
      null,
      { attribute: 'email', how: 'normalized', score: 0.98 },
      { attribute: 'first_name', how: 'fuzzy', score: 0.94 },
    ]);
  });

  it('gives a tie to the earlier header', () => {
    const [first, second] = matchAttributes(['EMAIL', 'Email'], attributes('email'));
    expect(first).toMatchObject({ attribute: 'email', how: 'normalized' });
    expect(second).toBeNull();
  });

  it('lets a header that lost its best attribute take its next free candidate', () => {
    // Alone, `mobile` would take `phone` (the first of two equal synonyms).
    expect(matchAttribute('mobile', attributes('phone', 'phone_number'))?.attribute).toBe('phone');
    expect(matchAttributes(['phone', 'mobile'], attributes('phone', 'phone_number'))).toEqual([
      { attribute: 'phone', how: 'exact', score: 1 },
      { attribute: 'phone_number', how: 'fuzzy', score: 0.94 },
    ]);
    expect(matchAttributes(['email', 'Email'], attributes('email', 'e_mail'))[1]).toEqual({
      attribute: 'e_mail',
      how: 'fuzzy',
      score: 0.96,
    });
  });

  it('leaves a header unmatched rather than falling back to a wrong attribute', () => {
    expect(matchAttributes(['E-Mail Address', 'Email'], attributes('address', 'email'))).toEqual([
      null,
      { attribute: 'email', how: 'normalized', score: 0.98 },
    ]);
  });

  it('matches a realistic header row, agreeing with matchAttribute when nothing competes', () => {
    const headers = ['fn', 'Surname', 'emial', 'Work Phone', 'Zip', 'unknown'];
    const pool = attributes('first_name', 'last_name', 'email', 'zip_code', 'phone');
    expect(matchAttributes(headers.slice(0, 3), pool)).toEqual(
      headers.slice(0, 3).map((header) => matchAttribute(header, pool)),
    );
    expect(matchAttributes(headers, pool).map((match) => match?.attribute ?? null)).toEqual([
      'first_name',
      'last_name',
      'email',
      'phone',
      'zip_code',
      null,
    ]);
  });

  it('keeps one result per header, in order', () => {
    const result = matchAttributes(['x', 'first name', 'y'], attributes('first_name'));
    expect(result).toHaveLength(3);
    expect(result.map((match) => match?.attribute ?? null)).toEqual([null, 'first_name', null]);
  });

  it('handles empty input', () => {
    expect(matchAttributes([], attributes('email'))).toEqual([]);
    expect(matchAttributes(['email', 'name'], [])).toEqual([null, null]);
  });
});

describe('suggestAttributeName', () => {
  it.each([
    ['E-Mail Address', 'e_mail_address'],
    ['Prénom', 'prenom'],
    ['lastLoginAt', 'last_login_at'],
    ['  Total (EUR) ', 'total_eur'],
    ['', 'column'],
    ['---', 'column'],
    ['日本語', 'column'],
  ])('%j → %j', (header, expected) => {
    expect(suggestAttributeName(header)).toBe(expected);
  });

  it('keeps suggestions within a target name’s 256 characters, without a trailing underscore', () => {
    const name = suggestAttributeName(`${'a'.repeat(255)} b`);
    expect(name).toBe('a'.repeat(255));
  });
});
