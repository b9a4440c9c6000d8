import type { Attribute } from '../model/id-type';

/** The attribute a source column is offered in the mapping step, how it was found and how sure (0..1). */
export interface AttributeMatch {
  attribute: string;
  how: 'exact' | 'normalized' | 'fuzzy';
  score: number;
}

/*
 * Scores and thresholds. Every kind of match has its own band, so a surer kind always beats a weaker
 * one, both among a header's candidates and between headers competing for one attribute (this is the
 * order exact → normalized → fuzzy):
 *   exact (case-sensitive equal)                      1
 *   normalized equal (`First Name` = `first_name`)    0.98
 *   fuzzy, spelled together (`firstname`)             0.96
 *   fuzzy, synonym table (`fname`, `dob`)             0.94
 *   fuzzy, typo (`emial`, `prices`)                   Jaro-Winkler ≥ 0.85, scaled into 0.85–0.93
 *   fuzzy, qualified name (`cust_email`)              0.86–0.93, more the more of the header it covers
 * A typo match also needs few edits (optimal string alignment): none below 5 characters, since one
 * edit turns `date` into `data` and `name` into `game`; one up to 11 characters; two from 12. When
 * both names have the same number of words, each word is held to that rule, so `order_date` never
 * becomes `order_rate`. Digits must agree: `address_line_1` is not a typo of `address_line_2`.
 * Names of at most 3 characters never match fuzzily except through the synonym table: `id` is not `ide`.
 */
const SCORE = { exact: 1, normalized: 0.98, together: 0.96, synonym: 0.94 } as const;
const FUZZY_MIN = 0.85;
const FUZZY_MAX = 0.93;
const SHORT_NAME = 3;
const QUALIFIED_MIN = 0.86;
const QUALIFIED_NAME_MIN = 4;

/**
 * Names meaning the same thing, spelled together (so `first name`, `firstName` and `first-name`
 * all hit). A synonym only ever leads to an attribute that exists: the table is never a source of names.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['firstname', 'fn', 'fname', 'givenname', 'forename'],
  ['lastname', 'ln', 'lname', 'surname', 'familyname'],
  ['email', 'mail', 'emailaddress', 'mailaddress'],
  ['phone', 'phonenumber', 'tel', 'telephone', 'mobile', 'mobilephone', 'cellphone'],
  ['birthday', 'birthdate', 'dateofbirth', 'dob'],
  ['zipcode', 'zip', 'postcode', 'postalcode'],
];
const SYNONYM_GROUP = new Map(
  SYNONYMS.flatMap((group, index) => group.map((name) => [name, index] as const)),
);

/**
 * Words that only say whose value it is: `cust_email` is an email, but `total_price` is not a price,
 * `first_name` not a name and `ip_address` not a postal address, so other leading words never qualify.
 */
const QUALIFIERS = new Set([
  'cust',
  'customer',
  'client',
  'contact',
  'member',
  'subscriber',
  'user',
  'primary',
  'main',
  'default',
  'preferred',
  'home',
  'work',
  'business',
  'personal',
  'private',
  'billing',
  'shipping',
  'delivery',
  'full',
  'unit',
]);

/** Letters NFKD leaves whole, spelled in ASCII so names stay lowercase letters, digits and underscores. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPELLED_LETTERS = /[ßæøœłđðþı]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const CAMEL_HUMP = /(\p{Ll})(\p{Lu})/gu;
const ACRONYM_END = /(\p{Lu})(\p{Lu}\p{Ll})/gu;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;
const EDGE_UNDERSCORES = /^_+|_+$/g;
const NON_DIGITS = /\D+/g;

/** Longest suggested name: a mapping's target holds at most 256 characters. */
const MAX_SUGGESTED_LENGTH = 256;

/**
 * The form names are compared in, and that new attributes get (the platforms' names are lowercase
 * letters, digits and underscores): `Prénom` → `prenom`, `firstName` → `first_name`, `E-Mail Address` →
 * `e_mail_address`. Letters outside Latin scripts have no such form and drop out.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(ACRONYM_END, '$1_$2')
    .replace(CAMEL_HUMP, '$1_$2')
    .toLowerCase()
    .replace(SPELLED_LETTERS, (letter) => LETTERS[letter] ?? letter)
    .replace(NON_ALPHANUMERIC, '_')
    .replace(EDGE_UNDERSCORES, '');
}

/** The existing attribute a header most likely is, or null when none is close enough. */
export function matchAttribute(header: string, attributes: readonly Attribute[]): AttributeMatch | null {
  return bestMatch(
    prepare(header),
    attributes.map((attribute) => prepare(attribute.name)),
  );
}

/**
 * Matches every header at once. An attribute goes to one header only: the pairs are taken best score
 * first (the earlier header on ties), so a header that loses its best attribute gets its next candidate
 * that is still free, or null.
 */
export function matchAttributes(
  headers: readonly string[],
  attributes: readonly Attribute[],
): (AttributeMatch | null)[] {
  const prepared = attributes.map((attribute) => prepare(attribute.name));
  const candidates: { header: number; match: AttributeMatch }[] = [];
  headers.forEach((name, header) => {
    const source = prepare(name);
    for (const attribute of prepared) {
      const match = matchOf(source, attribute);
      if (match) candidates.push({ header, match });
    }
  });
  // Stable: a header's equally scored attributes stay in the given order, as in matchAttribute.
  candidates.sort((a, b) => b.match.score - a.match.score || a.header - b.header);
  const result = headers.map<AttributeMatch | null>(() => null);
  const taken = new Set<string>();
  for (const { header, match } of candidates) {
    if (result[header] || taken.has(match.attribute)) continue;
    result[header] = match;
    taken.add(match.attribute);
  }
  return result;
}

/** A clean name for a new attribute made from a header; `column` when nothing usable is left. */
export function suggestAttributeName(header: string): string {
  const name = normalizeName(header).slice(0, MAX_SUGGESTED_LENGTH).replace(EDGE_UNDERSCORES, '');
  return name === '' ? 'column' : name;
}

/** A name with its comparison forms worked out once. */
interface Prepared {
  name: string;
  normalized: string;
  /** Without underscores: `first_name` and `firstname` are one spelling. */
  together: string;
  words: string[];
  digits: string;
}

function prepare(name: string): Prepared {
  const normalized = normalizeName(name);
  return {
    name,
    normalized,
    together: normalized.replaceAll('_', ''),
    words: normalized.split('_'),
    digits: normalized.replace(NON_DIGITS, ''),
  };
}

/** The best-scoring attribute, the earlier one on ties. */
function bestMatch(header: Prepared, attributes: readonly Prepared[]): AttributeMatch | null {
  let best: AttributeMatch | null = null;
  for (const attribute of attributes) {
    const match = matchOf(header, attribute);
    if (match && (!best || match.score > best.score)) best = match;
  }
  return best;
}

/** How well one header names one attribute, or null when not well enough. */
function matchOf(header: Prepared, attribute: Prepared): AttributeMatch | null {
  if (attribute.name === header.name) return { attribute: attribute.name, how: 'exact', score: SCORE.exact };
  if (header.normalized === '') return null;
  if (attribute.normalized === header.normalized) {
    return { attribute: attribute.name, how: 'normalized', score: SCORE.normalized };
  }
  const score = fuzzyScore(header, attribute);
  return score >= FUZZY_MIN ? { attribute: attribute.name, how: 'fuzzy', score } : null;
}

function fuzzyScore(header: Prepared, attribute: Prepared): number {
  if (attribute.normalized === '') return 0;
  const headerGroup = SYNONYM_GROUP.get(header.together);
  if (headerGroup !== undefined && headerGroup === SYNONYM_GROUP.get(attribute.together)) {
    return header.together === attribute.together ? SCORE.together : SCORE.synonym;
  }
  if (Math.min(header.normalized.length, attribute.normalized.length) <= SHORT_NAME) return 0;
  if (header.together === attribute.together) return SCORE.together;
  return Math.max(typoScore(header, attribute), qualifiedScore(header, attribute));
}

/** Jaro-Winkler of names a slip of the keyboard apart (`emial`, `prices`), else 0. */
function typoScore(header: Prepared, attribute: Prepared): number {
  if (header.digits !== attribute.digits) return 0;
  const close =
    header.words.length === attribute.words.length
      ? header.words.every((word, i) => isTypo(word, attribute.words[i]!))
      : isTypo(header.together, attribute.together);
  if (!close) return 0;
  const similarity = jaroWinkler(header.together, attribute.together);
  if (similarity < FUZZY_MIN) return 0;
  return FUZZY_MIN + ((FUZZY_MAX - FUZZY_MIN) * (similarity - FUZZY_MIN)) / (1 - FUZZY_MIN);
}

function isTypo(a: string, b: string): boolean {
  if (a === b) return true;
  const longest = Math.max(a.length, b.length);
  if (longest < 5) return false;
  const allowed = longest >= 12 ? 2 : 1;
  return Math.abs(a.length - b.length) <= allowed && editDistance(a, b) <= allowed;
}

/** A header that is the attribute's words led only by qualifiers (`cust_email` → `email`), else 0. */
function qualifiedScore(header: Prepared, attribute: Prepared): number {
  const lead = header.words.length - attribute.words.length;
  if (lead <= 0 || attribute.normalized.length < QUALIFIED_NAME_MIN) return 0;
  for (let i = 0; i < header.words.length; i++) {
    const word = header.words[i]!;
    if (i < lead ? !QUALIFIERS.has(word) : word !== attribute.words[i - lead]) return 0;
  }
  return QUALIFIED_MIN + (FUZZY_MAX - QUALIFIED_MIN) * (attribute.together.length / header.together.length);
}

/** Edits between two strings, a swap of neighbours counting as one (optimal string alignment). */
function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, before[j - 2]! + 1);
      }
      current[j] = distance;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters): typos keep most letters in place. */
function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(b.length, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
