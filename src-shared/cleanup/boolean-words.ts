/**
 * Yes and no as people write them in the languages Intake's users export from. A column whose
 * values are all one pair's words (and blanks) is offered a value mapping to true/false — offered,
 * never applied silently: "ne" is "no" in Czech but a name elsewhere.
 */
const PAIRS: { language: string; yes: string; no: string }[] = [
  { language: 'English', yes: 'yes', no: 'no' },
  { language: 'English', yes: 'y', no: 'n' },
  { language: 'German', yes: 'ja', no: 'nein' },
  { language: 'French', yes: 'oui', no: 'non' },
  { language: 'Spanish', yes: 'sí', no: 'no' },
  { language: 'Spanish', yes: 'si', no: 'no' },
  { language: 'Czech', yes: 'ano', no: 'ne' },
  { language: 'Slovak', yes: 'áno', no: 'nie' },
  { language: 'Polish', yes: 'tak', no: 'nie' },
  { language: 'Russian', yes: 'да', no: 'нет' },
  { language: 'Dutch', yes: 'ja', no: 'nee' },
  { language: 'Italian', yes: 'sì', no: 'no' },
];

/** A suggested mapping of a column's values to true/false, and why. */
export interface BooleanSuggestion {
  pairs: [string, string][];
  reason: string;
}

/**
 * The value mapping to suggest for a column of these (most common) values, or null. `complete`
 * says the values listed are all the column has (its distinct count was within the list).
 */
export function suggestBooleanMapping(
  values: readonly { value: string; count: number }[],
  complete: boolean,
): BooleanSuggestion | null {
  if (!complete) return null;
  const words = new Map<string, string>();
  for (const { value } of values) {
    const word = value.trim().toLowerCase();
    if (word !== '' && !words.has(word)) words.set(word, value.trim());
  }
  if (words.size === 0 || words.size > 2) return null;
  for (const pair of PAIRS) {
    if ([...words.keys()].every((word) => word === pair.yes || word === pair.no) && words.has(pair.yes)) {
      const pairs: [string, string][] = [[words.get(pair.yes)!, 'true']];
      if (words.has(pair.no)) pairs.push([words.get(pair.no)!, 'false']);
      return { pairs, reason: `${pair.language} yes/no (${pair.yes}/${pair.no})` };
    }
  }
  // A checkmark column: "x" where true, blank where false.
  if (words.size === 1 && words.has('x')) {
    return {
      pairs: [
        [words.get('x')!, 'true'],
        ['', 'false'],
      ],
      reason: 'x for yes, blank for no',
    };
  }
  return null;
}
