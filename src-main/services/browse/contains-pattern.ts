/** The escape character every contains-search's LIKE names (`… LIKE ? ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/**
 * A LIKE pattern matching values that contain `search` literally: `%`, `_` and the escape
 * character itself are escaped, so "50%" finds "50%" and not "500". SQLite's LIKE ignores case
 * for ASCII letters only.
 */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => LIKE_ESCAPE + character)}%`;
}

/** The search text a grid filters by, or null for "no filter" (blank or only spaces). */
export function searchText(search: string): string | null {
  const trimmed = search.trim();
  return trimmed === '' ? null : trimmed;
}
