/** One language of the multilingual corpus: a localised header and realistic customer-order records. */
export interface CorpusLanguage {
  /** ISO 639-1 code. */
  code: string;
  /** English name, for test titles. */
  name: string;
  /** Column names in the language: name, city, address, product, note. */
  header: readonly string[];
  /** Records in natural, NFC-normalised text; fields may contain commas, quotes and other delimiters. */
  rows: readonly (readonly string[])[];
}

/** A corpus language as written in the data files: one line per record, fields separated by '|'. */
export interface CorpusLanguageSource {
  code: string;
  name: string;
  header: string;
  rows: readonly string[];
}
