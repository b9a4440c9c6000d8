/**
 * The shell's locale names as BCP 47 tags the renderer's Intl accepts, in order, each once. Linux
 * reports POSIX names (`cs_CZ.UTF-8`, `de_DE@euro`, `C`), Windows and macOS tags (`cs-CZ`); a name
 * that is no language (`C`, `POSIX`, blank) or that Intl refuses is left out.
 */
export function localeTags(names: readonly string[]): string[] {
  const tags: string[] = [];
  for (const name of names) {
    const tag = name
      .trim()
      .replace(/[.@].*$/, '')
      .replaceAll('_', '-');
    if (tag === '' || tag === 'C' || tag === 'POSIX') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && !tags.includes(canonical)) tags.push(canonical);
    } catch {
      // Not a language tag: the next name may be.
    }
  }
  return tags;
}
