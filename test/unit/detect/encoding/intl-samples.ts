import iconv from 'iconv-lite';
import type { Encoding } from '../../../../src-shared/model/dialect';
import {
  CORPUS,
  CORPUS_ENCODINGS,
  canRepresent,
  legacyForm,
  toCsv,
} from '../../../support/multilingual-corpus';

/** A short file of text this project did not write: country, language and currency names and dates from ICU. */
export interface IntlSample {
  language: string;
  encoding: Encoding;
  bytes: Uint8Array;
  /** The text a correct decoding yields. */
  expected: string;
}

// Region codes cycled through so each sample names different countries.
const REGIONS = [
  'DE',
  'FR',
  'ES',
  'IT',
  'PL',
  'CZ',
  'HU',
  'RO',
  'RU',
  'UA',
  'GR',
  'TR',
  'IL',
  'EG',
  'LT',
  'LV',
  'EE',
  'VN',
  'SE',
  'DK',
  'NO',
  'FI',
  'IS',
  'NL',
  'BE',
  'CH',
  'AT',
  'PT',
  'BR',
  'MX',
  'US',
  'GB',
  'IE',
  'CN',
  'JP',
  'KR',
  'IN',
  'ZA',
  'MA',
  'SA',
  'AE',
  'SK',
  'SI',
  'HR',
  'RS',
  'BG',
  'MK',
  'AL',
  'CY',
  'MT',
  'LU',
  'CA',
  'AU',
  'NZ',
  'AR',
  'CL',
  'PE',
  'CO',
  'VE',
  'CU',
];
const LANGUAGES = [
  'de',
  'fr',
  'es',
  'it',
  'pl',
  'cs',
  'hu',
  'ro',
  'ru',
  'uk',
  'el',
  'tr',
  'he',
  'ar',
  'lt',
  'lv',
  'et',
  'vi',
  'sv',
  'da',
  'nb',
  'fi',
  'is',
  'nl',
  'pt',
  'en',
  'zh',
  'ja',
  'ko',
  'sk',
  'sl',
  'hr',
  'sr',
  'bg',
];
const CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'RUB',
  'UAH',
  'TRY',
  'ILS',
  'EGP',
  'SEK',
  'DKK',
  'NOK',
  'ISK',
  'JPY',
  'CNY',
  'VND',
  'BRL',
  'MXN',
  'INR',
  'ZAR',
  'BGN',
  'RSD',
  'SAR',
  'AED',
  'CAD',
  'AUD',
];

/**
 * Three-record files (header plus two rows, like the shortest real uploads) per corpus language and
 * encoding, `perPair` each, with region, language and currency names and a long date in that language.
 * Samples an encoding cannot represent (ICU's narrow no-break spaces, for one) are left out.
 */
export function buildIntlSamples(perPair: number): IntlSample[] {
  const samples: IntlSample[] = [];
  for (const language of CORPUS) {
    const locale = language.code === 'no' ? 'nb' : language.code === 'sr' ? 'sr-Cyrl' : language.code;
    const regions = new Intl.DisplayNames([locale], { type: 'region' });
    const languages = new Intl.DisplayNames([locale], { type: 'language' });
    const currencies = new Intl.DisplayNames([locale], { type: 'currency' });
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'full' });
    for (const encoding of CORPUS_ENCODINGS[language.code] ?? []) {
      if (encoding.startsWith('utf-')) continue;
      for (let index = 0; index < perPair; index++) {
        const row = (offset: number): string[] => {
          const seed = index * 7 + offset * 3;
          return [
            regions.of(REGIONS[seed % REGIONS.length]!) ?? '',
            languages.of(LANGUAGES[(seed * 5 + 1) % LANGUAGES.length]!) ?? '',
            currencies.of(CURRENCIES[(seed * 3 + 2) % CURRENCIES.length]!) ?? '',
            dates.format(new Date(Date.UTC(2024, seed % 12, 1 + (seed % 28)))),
          ];
        };
        const text = toCsv(['region', 'language', 'currency', 'date'], [row(0), row(1)], ',');
        if (!canRepresent(text, encoding)) continue;
        const form = legacyForm(text, encoding);
        samples.push({
          language: language.code,
          encoding,
          bytes: iconv.encode(form, encoding),
          expected: form,
        });
      }
    }
  }
  return samples;
}
