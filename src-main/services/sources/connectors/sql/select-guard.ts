import { IntakeError } from '../../../../../src-shared/errors';
import { checkSelectText } from '../../../workspace/read-only-query';

/** How a database reads its SQL text: which quotes and comments it knows. */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

/** Words that start a statement that changes data. */
const WRITE_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'REPLACE']);

interface Token {
  /** A word in upper case, or one punctuation character. */
  text: string;
  /** Where it starts in the SQL text (0-based). */
  at: number;
  isWord: boolean;
}

/**
 * The guard a SQL source passes before a driver connects, so anything but one read-only SELECT is
 * refused before it reaches the server (DESIGN §7). Starting with SELECT or WITH is not enough:
 * `WITH x AS (DELETE …) SELECT …` and `WITH … DELETE` change data, `SELECT 1; DROP TABLE t` is two
 * statements, `SELECT … INTO` creates a table (PostgreSQL) or a file on the server (MySQL), and
 * MySQL runs the text of `/*! … *\/` comments. Literals, quoted names and comments are skipped the
 * way the dialect reads them, so a `;` or a DELETE inside a string is not mistaken for code. The
 * read-only transaction every driver opens remains the second guard (a function that writes).
 */
export function checkReadOnlySelect(sql: string, dialect: SqlDialect): void {
  checkSelectText(sql, 'a database source');
  const tokens = tokenize(sql, dialect);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.text === ';') {
      const next = tokens[index + 1];
      if (next && next.text !== ';') {
        throw refusal(`it has another statement after the ";" at character ${token.at + 1}`);
      }
    } else if (token.isWord && token.text === 'INTO') {
      throw refusal(
        `SELECT … INTO (character ${token.at + 1}) writes a table or a file; save the rows by importing them instead`,
      );
    } else if (token.isWord && WRITE_KEYWORDS.has(token.text)) {
      const before = tokens[index - 1]?.text;
      const after = tokens[index + 1]?.text;
      // Where a statement can start inside a SELECT: a WITH clause's body, or after the clause.
      // Followed by "(" it is a function (MySQL's INSERT() and REPLACE() on strings).
      if ((before === '(' || before === ')') && after !== '(') {
        throw refusal(`it has ${token.text} at character ${token.at + 1}, which changes data`);
      }
    }
  }
}

/**
 * The one statement of a query the guard let through, without the `;` that may end it and what
 * follows that (only more semicolons, blanks and comments, or the guard would have refused it), so
 * it can be placed inside parentheses (`COPY (…) TO STDOUT`). A `;` inside a literal or a comment
 * is not the end: the tokenizer reads the text as the database does.
 */
export function statementBody(sql: string, dialect: SqlDialect): string {
  const end = tokenize(sql, dialect).find((token) => token.text === ';');
  return end ? sql.slice(0, end.at) : sql;
}

function refusal(why: string): IntakeError {
  return new IntakeError('VALIDATION', `A database query may only read, as one SELECT: ${why}.`);
}

/**
 * The words and punctuation of `sql` outside literals, quoted names and comments, as `dialect`
 * reads them: `'…'` strings (with backslash escapes in MySQL and in PostgreSQL's E'…'), `"…"`
 * (a name, or a MySQL string), MySQL and SQLite backticks, SQLite `[…]`, PostgreSQL `$tag$…$tag$`
 * and nested block comments, MySQL `#` comments. An unclosed literal or comment runs to the end.
 */
function tokenize(sql: string, dialect: SqlDialect): Token[] {
  const tokens: Token[] = [];
  const length = sql.length;
  let index = 0;
  while (index < length) {
    const char = sql[index]!;
    const next = sql[index + 1] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (
      char === '-' &&
      next === '-' &&
      (dialect !== 'mysql' || /^(?:\s|$)/.test(sql[index + 2] ?? ''))
    ) {
      index = lineEnd(sql, index);
    } else if (char === '#' && dialect === 'mysql') {
      index = lineEnd(sql, index);
    } else if (char === '/' && next === '*') {
      if (dialect === 'mysql' && /^\/\*M?!/.test(sql.slice(index, index + 4))) {
        throw refusal(
          `MySQL runs the text of /*! … */ comments (character ${index + 1}); write the SQL out or remove the comment`,
        );
      }
      index = blockCommentEnd(sql, index, dialect === 'postgres');
    } else if (char === "'") {
      const escapes = dialect === 'mysql' || (dialect === 'postgres' && isEscapeStringPrefix(sql, index));
      index = quotedEnd(sql, index, "'", escapes);
    } else if (char === '"') {
      index = quotedEnd(sql, index, '"', dialect === 'mysql');
    } else if (char === '`' && dialect !== 'postgres') {
      index = quotedEnd(sql, index, '`', false);
    } else if (char === '[' && dialect === 'sqlite') {
      const end = sql.indexOf(']', index + 1);
      index = end === -1 ? length : end + 1;
    } else if (char === '$' && dialect === 'postgres' && dollarTag(sql, index) !== null) {
      const tag = dollarTag(sql, index)!;
      const end = sql.indexOf(tag, index + tag.length);
      index = end === -1 ? length : end + tag.length;
    } else if (/[\p{L}_]/u.test(char)) {
      const start = index;
      while (index < length && /[\p{L}\p{N}_$]/u.test(sql[index]!)) index++;
      tokens.push({ text: sql.slice(start, index).toUpperCase(), at: start, isWord: true });
    } else if (/\d/.test(char)) {
      // A number, letters of an exponent or a hex literal included: never a keyword.
      while (index < length && /[\p{L}\p{N}_.]/u.test(sql[index]!)) index++;
    } else {
      tokens.push({ text: char, at: index, isWord: false });
      index++;
    }
  }
  return tokens;
}

function lineEnd(sql: string, index: number): number {
  const end = sql.indexOf('\n', index);
  return end === -1 ? sql.length : end + 1;
}

/** Past a block comment; PostgreSQL nests them (`/* a /* b *\/ c *\/` is one comment). */
function blockCommentEnd(sql: string, index: number, nests: boolean): number {
  let depth = 0;
  let at = index;
  while (at < sql.length) {
    if (sql.startsWith('/*', at) && (nests || depth === 0)) {
      depth++;
      at += 2;
    } else if (sql.startsWith('*/', at)) {
      depth--;
      at += 2;
      if (depth === 0) return at;
    } else {
      at++;
    }
  }
  return sql.length;
}

/** Past a quoted literal or name: a doubled quote stays inside, and a backslash escapes where allowed. */
function quotedEnd(sql: string, index: number, quote: string, backslashEscapes: boolean): number {
  let at = index + 1;
  while (at < sql.length) {
    const char = sql[at]!;
    if (backslashEscapes && char === '\\') {
      at += 2;
    } else if (char === quote) {
      if (sql[at + 1] === quote) at += 2;
      else return at + 1;
    } else {
      at++;
    }
  }
  return sql.length;
}

/** PostgreSQL's E'…' (escape string): an E right before the quote that is a word of its own. */
function isEscapeStringPrefix(sql: string, quoteAt: number): boolean {
  const prefix = sql[quoteAt - 1];
  return (prefix === 'E' || prefix === 'e') && !/[\p{L}\p{N}_$]/u.test(sql[quoteAt - 2] ?? '');
}

/**
 * The `$tag$` opening a PostgreSQL dollar-quoted string at `index`, or null: `$1` is a parameter,
 * and a `$` inside a name (`a$b`) is part of it.
 */
function dollarTag(sql: string, index: number): string | null {
  if (/[\p{L}\p{N}_$]/u.test(sql[index - 1] ?? '')) return null;
  return /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(sql.slice(index, index + 64))?.[0] ?? null;
}
