/**
 * The SQL text from its first keyword on, past leading whitespace, `-- line` and `/* block *\/`
 * comments, so a comment cannot hide what a statement starts with. An unclosed block comment
 * leaves nothing.
 */
export function skipLeadingComments(sql: string): string {
  let index = 0;
  while (index < sql.length) {
    if (/\s/.test(sql.charAt(index))) index++;
    else if (sql.startsWith('--', index)) {
      const end = sql.indexOf('\n', index);
      index = end === -1 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', index)) {
      const end = sql.indexOf('*/', index + 2);
      index = end === -1 ? sql.length : end + 2;
    } else break;
  }
  return sql.slice(index);
}

/** The statement's first keyword in upper case (SELECT, WITH, INSERT…), or '' when it has none. */
export function leadingKeyword(sql: string): string {
  return /^[A-Za-z]+/.exec(skipLeadingComments(sql))?.[0]?.toUpperCase() ?? '';
}
