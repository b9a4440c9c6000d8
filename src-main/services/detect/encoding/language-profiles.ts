import type { Encoding } from '../../../../src-shared/model/dialect';

/** What the detector knows of one language: its letters beyond ASCII and the code pages that serve it. */
export interface LanguageProfile {
  code: string;
  /** English name, for the detection reason. */
  name: string;
  /** Non-ASCII letters, lowercase, most frequent first (from general letter-frequency tables). */
  letters: string;
  /** Letters seen in loanwords and foreign names: possible, but weak evidence. */
  extra: string;
  /** Rough share of the letters in running text that are non-ASCII (1 for non-Latin scripts). */
  density: number;
  /** Code pages this language's legacy files are written in; breaks ties between identical decodings. */
  home: readonly Encoding[];
}

const CENTRAL: readonly Encoding[] = ['cp1250', 'iso-8859-2'];
const CYRILLIC: readonly Encoding[] = ['cp1251'];
const WESTERN: readonly Encoding[] = ['cp1252', 'latin1'];
const BALTIC: readonly Encoding[] = ['cp1257'];
const WESTERN_LOANS = 'éèàçäöüñáóíâêô';

// Vietnamese vowels take one of five tone marks on top of their own shape marks; generated rather than
// listed so no combination is forgotten. Shape letters and the most frequent tones come first.
function vietnameseLetters(): string {
  const tones = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const vowels = [...'ươêâôăaeiouy'];
  const toned = vowels.flatMap((vowel) => tones.map((tone) => (vowel + tone).normalize('NFC')));
  return 'đươêâôă' + toned.join('');
}

/** Languages whose text the single-byte code pages carry, as the detector models them. */
export const LANGUAGE_PROFILES: readonly LanguageProfile[] = [
  { code: 'cs', name: 'Czech', letters: 'áíéěřýčšůžúňťďó', extra: 'äöü', density: 0.12, home: CENTRAL },
  { code: 'sk', name: 'Slovak', letters: 'áíéýčžšúťľôňäóďĺŕ', extra: 'öü', density: 0.1, home: CENTRAL },
  { code: 'pl', name: 'Polish', letters: 'ęąółżśćńź', extra: 'éü', density: 0.08, home: CENTRAL },
  { code: 'hu', name: 'Hungarian', letters: 'éáöőóüíúű', extra: 'ä', density: 0.1, home: CENTRAL },
  { code: 'sl', name: 'Slovenian', letters: 'čšž', extra: 'ćđé', density: 0.03, home: CENTRAL },
  { code: 'hr', name: 'Croatian', letters: 'čšžćđ', extra: 'é', density: 0.035, home: CENTRAL },
  // Legacy files hold ş ţ (cedilla); modern text ș ț (comma below).
  { code: 'ro', name: 'Romanian', letters: 'ăîţțşșâ', extra: 'é', density: 0.05, home: CENTRAL },
  {
    code: 'ru',
    name: 'Russian',
    letters: 'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё',
    extra: 'і',
    density: 0.97,
    home: CYRILLIC,
  },
  {
    code: 'uk',
    name: 'Ukrainian',
    letters: 'оаніивртеськдлупмязьгбчхцїжйшюєщфґ',
    extra: 'ё',
    density: 0.97,
    home: CYRILLIC,
  },
  {
    code: 'bg',
    name: 'Bulgarian',
    letters: 'аоеитнрсвлкдпмзуяъбчгйжцщхшюфь',
    extra: 'ѝ',
    density: 0.97,
    home: CYRILLIC,
  },
  {
    code: 'sr',
    name: 'Serbian',
    letters: 'аиоенрстјвкдлупмзгбчшцхћњжљфђџ',
    extra: '',
    density: 0.97,
    home: CYRILLIC,
  },
  {
    code: 'mk',
    name: 'Macedonian',
    letters: 'аеоинтрсвлкдпмзјугбчшцњжќфхѓџљѕ',
    extra: '',
    density: 0.97,
    home: CYRILLIC,
  },
  {
    code: 'el',
    name: 'Greek',
    letters: 'αοιετσνηυρπκμλίόάέςωδγήχθφύβώξζψϊϋΐΰ',
    extra: '',
    density: 0.97,
    home: ['cp1253'],
  },
  { code: 'tr', name: 'Turkish', letters: 'ışüçğöİâîû', extra: 'é', density: 0.08, home: ['cp1254'] },
  {
    code: 'he',
    name: 'Hebrew',
    letters: 'יוהלמראתבנשעכדקחפםסןגטזצךףץ',
    extra: '',
    density: 0.97,
    home: ['cp1255'],
  },
  {
    code: 'ar',
    name: 'Arabic',
    letters: 'اليمونرتبعهدسفكقةحجأشصطإىخزضثذغظئآءؤ',
    extra: 'پچژگکی',
    density: 0.97,
    home: ['cp1256'],
  },
  {
    code: 'fa',
    name: 'Persian',
    letters: 'اینرمدوهتبسلکشزخگفعقجآحپصطچغذضثظژئأءؤ',
    extra: 'ةيك',
    density: 0.97,
    home: ['cp1256'],
  },
  { code: 'lt', name: 'Lithuanian', letters: 'ėšųįžūčąę', extra: '', density: 0.07, home: BALTIC },
  { code: 'lv', name: 'Latvian', letters: 'āēīšūņļčžķģ', extra: '', density: 0.08, home: BALTIC },
  { code: 'et', name: 'Estonian', letters: 'äõüöšž', extra: '', density: 0.05, home: BALTIC },
  { code: 'vi', name: 'Vietnamese', letters: vietnameseLetters(), extra: '', density: 0.3, home: ['cp1258'] },
  { code: 'de', name: 'German', letters: 'äüöß', extra: WESTERN_LOANS, density: 0.015, home: WESTERN },
  { code: 'fr', name: 'French', letters: 'éèàçêôîûùëïâœüÿæ', extra: 'ñö', density: 0.035, home: WESTERN },
  { code: 'es', name: 'Spanish', letters: 'óíáéñúü', extra: 'çàèï', density: 0.02, home: WESTERN },
  { code: 'ca', name: 'Catalan', letters: 'àéèíóòúçïü', extra: 'ñ', density: 0.03, home: WESTERN },
  { code: 'pt', name: 'Portuguese', letters: 'ãçéáóêíõâúàô', extra: 'üè', density: 0.03, home: WESTERN },
  { code: 'it', name: 'Italian', letters: 'àèéìòù', extra: 'íóîç', density: 0.01, home: WESTERN },
  { code: 'nl', name: 'Dutch', letters: 'éëïèöüêá', extra: 'çô', density: 0.004, home: WESTERN },
  { code: 'sv', name: 'Swedish', letters: 'äåöé', extra: 'üøæà', density: 0.04, home: WESTERN },
  { code: 'da', name: 'Danish', letters: 'øåæé', extra: 'üöä', density: 0.025, home: WESTERN },
  { code: 'no', name: 'Norwegian', letters: 'øåæéô', extra: 'üöä', density: 0.025, home: WESTERN },
  { code: 'fi', name: 'Finnish', letters: 'äöå', extra: 'šžü', density: 0.05, home: WESTERN },
  { code: 'is', name: 'Icelandic', letters: 'áðíóúéþæöý', extra: '', density: 0.1, home: WESTERN },
  { code: 'en', name: 'English', letters: '', extra: WESTERN_LOANS + 'ïëñ', density: 0.0005, home: WESTERN },
];

// Log-probabilities in nats. A language's own letters follow Zipf's law over their frequency rank; the
// other weights only need the right order: own letter > loanword letter > symbol > foreign letter.
const EXTRA_LETTER_WEIGHT = Math.log(0.004);
/** Weight of a letter the language does not use. */
export const FOREIGN_LETTER_WEIGHT = Math.log(0.0005);

// Log prior odds of meeting each language in a legacy file, roughly by speakers: with one ambiguous
// letter (è or č?) French is the better bet than Slovenian.
const MINOR_LANGUAGES = new Set([
  'sk',
  'hr',
  'sl',
  'bg',
  'sr',
  'mk',
  'lt',
  'lv',
  'et',
  'da',
  'no',
  'fi',
  'is',
  'ca',
]);
const MAJOR_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'pt', 'it', 'ru', 'ar']);

/** Per profile, the log prior of the language (0 for the most common, down to -1). */
export const LANGUAGE_PRIORS: readonly number[] = LANGUAGE_PROFILES.map(({ code }) =>
  MAJOR_LANGUAGES.has(code) ? 0 : MINOR_LANGUAGES.has(code) ? -1 : -0.5,
);

/** Case-folds a letter for lookup; Turkish dotted capital I keeps its own identity. */
export function foldLetter(letter: string): string {
  return letter === 'İ' ? letter : letter.toLowerCase();
}

/** Per profile, the weight (log-probability) of each letter it knows; other letters get FOREIGN_LETTER_WEIGHT. */
export const LETTER_WEIGHTS: readonly ReadonlyMap<string, number>[] = LANGUAGE_PROFILES.map((profile) => {
  const weights = new Map<string, number>();
  const letters = [...profile.letters];
  const harmonic = letters.reduce((sum, _, rank) => sum + 1 / (rank + 2), 0);
  for (const letter of profile.extra) weights.set(letter, EXTRA_LETTER_WEIGHT);
  letters.forEach((letter, rank) => weights.set(letter, Math.log(1 / ((rank + 2) * harmonic))));
  return weights;
});
