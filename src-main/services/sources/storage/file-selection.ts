import { IntakeError } from '../../../../src-shared/errors';
import type { SelectionRule } from '../../../../src-shared/model/source';
import type { ImportedFile, StorageFile } from '../connectors/connector';

/** Most files 'all' and 'not imported yet' read in one run (the seeds' limit), imported ones counted. */
export const MAX_SELECTED_FILES = 200;

/**
 * A storage spec's name filter: a regular expression between slashes (`/export_[0-9]+\.csv/`,
 * flags after the last slash) or, without slashes, one exact file name. An invalid expression is
 * refused with the parser's reason.
 */
export function nameMatcher(match: string | null): (name: string) => boolean {
  if (match === null || match.trim() === '') return () => true;
  const text = match.trim();
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!regex) return (name) => name === text;
  const [, body, flags] = regex as unknown as [string, string, string];
  try {
    const pattern = new RegExp(body, flags.replace(/[gy]/g, ''));
    return (name) => pattern.test(name);
  } catch (error) {
    throw new IntakeError(
      'VALIDATION',
      `The pattern ${text} is not a valid regular expression: ${(error as Error).message}.`,
      {
        field: 'match',
      },
    );
  }
}

/** Whether a listed file is one the import has read: same name, size and modification time. */
export function wasImported(file: StorageFile, imported: readonly ImportedFile[]): boolean {
  return imported.some(
    (known) => known.name === file.name && known.size === file.size && known.modifiedAt === file.modifiedAt,
  );
}

const byName = (a: StorageFile, b: StorageFile) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byModified = (a: StorageFile, b: StorageFile) =>
  a.modifiedAt < b.modifiedAt ? -1 : a.modifiedAt > b.modifiedAt ? 1 : byName(a, b);

/**
 * The files a run reads, in the order it reads them: every match by name ('all'), the newest
 * ('last modified'), the last by name ('last alphabetically'), or the matches this import has not
 * read, oldest first ('not imported yet'). 'all' and 'not imported yet' refuse more than 200
 * matches, already imported ones included, naming the count (the seed's rule).
 */
export function selectFiles(
  matching: readonly StorageFile[],
  rule: SelectionRule,
  imported: readonly ImportedFile[],
  where: string,
): StorageFile[] {
  const marked = matching.map((file) => ({ ...file, imported: wasImported(file, imported) }));
  if ((rule === 'all' || rule === 'not-imported-yet') && marked.length > MAX_SELECTED_FILES) {
    throw new IntakeError(
      'LIMIT',
      `${marked.length.toLocaleString('en')} files match in ${where}, over the ${MAX_SELECTED_FILES}-file limit of '${rule === 'all' ? 'all' : 'not imported yet'}' (files already imported count too). Narrow the pattern or move old files away.`,
      { files: marked.length, limit: MAX_SELECTED_FILES },
    );
  }
  switch (rule) {
    case 'all':
      return [...marked].sort(byName);
    case 'last-modified':
      return [...marked].sort(byModified).slice(-1);
    case 'last-alphabetically':
      return [...marked].sort(byName).slice(-1);
    case 'not-imported-yet':
      return marked.filter((file) => !file.imported).sort(byModified);
  }
}
