// Credentials must never reach an error message, a log line or the renderer (DESIGN.md §7), but
// drivers quote URLs, connection strings and request headers back in their errors. Redaction here
// is by shape (where credentials sit in the formats Intake's sources use) and by value (every
// secret this process has read or written), so a secret echoed verbatim is caught too.

const MASK = '***';

/** Known secrets shorter than this are not masked on sight: "abc" would blank ordinary words. */
const MIN_KNOWN_LENGTH = 4;

// Names whose value is always a credential; the prefix allows db_password, client_secret,
// refresh_token, X-Amz-Security-Token and the like.
const STRONG_NAMES = String.raw`[\w-]*(?:password|passwd|secret|token)|pwd|authorization|api[_-]?key|account[_-]?key|shared[_-]?access[_-]?(?:signature|key)|private[_-]?key|(?:aws[_-]?)?secret[_-]?access[_-]?key|x-amz-(?:signature|credential)`;
// Only in key=value form: as JSON fields these names also mean an S3 object key or similar.
const ALL_NAMES = String.raw`${STRONG_NAMES}|key|sig`;

// scheme://user:password@host. The password runs to the last '@' before the path, so an
// unencoded '@' in it is covered too. The lookbehind (not \b) starts a scheme only where a run of
// scheme characters starts: "a.a.a.…" would otherwise be rescanned from every dot.
const URL_USERINFO = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s:/?#@"'<>]*):([^\s/?#"'<>]*)@/gi;
const PEM_PRIVATE_KEY =
  /(-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----)[\s\S]*?(?:(-----END \2-----)|$)/g;
// "private_key": "…" in JSON, private_key: '…' in a printed object; either quote, escapes kept.
const QUOTED_FIELD = new RegExp(
  String.raw`(["']?)(?<![\w-])(${STRONG_NAMES})\1(\s*:\s*)(["'])(?:(?!\4)[^\\]|\\[\s\S])*\4`,
  'gi',
);
// In a ;-separated connection string a value runs to the next ';' ("Password=my secret;"). The
// ';' is matched, not looked behind for: a lookbehind rescans long runs of spaces from each one.
const CONNECTION_STRING_PAIR = new RegExp(String.raw`(;\s*)(${ALL_NAMES})(\s*=\s*)(?!["'{])[^;\r\n]*`, 'gi');
// Query strings and free text: a value runs to '&', ';', whitespace or a quote, or is quoted.
const ASSIGNMENT = new RegExp(
  String.raw`(?<![\w-])(${ALL_NAMES})(\s*=\s*)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|\{[^}\r\n]*\}|[^\s&;"'<>]+)`,
  'gi',
);
// Header lines: the scheme stays readable ("Basic ***"), the rest of the line goes.
const CREDENTIAL_HEADER =
  /(?<![\w-])((?:proxy-)?authorization|x-api-key|api-key|cookie|set-cookie)(\s*:\s*)(?:(basic|bearer|digest|negotiate|token|aws4-hmac-sha256)\s+)?[^\r\n"']+/gi;
// A scheme and credentials without the header name. Basic needs a digit, '+', '/' or '=' among
// 12+ base64 characters, so "Basic authentication" stays.
const BEARER_TOKEN = /\b(bearer)\s+[A-Za-z0-9._~+/-]{16,}=*/gi;
const BASIC_CREDENTIALS = /\b(basic)\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{12,}={0,2}/gi;
const STRONG_KEY = new RegExp(`^(?:${STRONG_NAMES})$`, 'i');

const remembered = new Set<string>();

/** Adds a secret to the process-wide list that every redaction masks wherever it appears. */
export function rememberSecret(secret: string): void {
  if (secret.length >= MIN_KNOWN_LENGTH) remembered.add(secret);
}

/** The secrets this process has read or written, for redaction. */
export function knownSecrets(): readonly string[] {
  return [...remembered];
}

/**
 * `text` with credentials masked as `***`: URL passwords, credential parameters in query strings
 * and connection strings, Authorization-style headers, bearer tokens, PEM private keys, secret
 * JSON fields, and every literal in `known` or remembered by this process (also URL- and
 * JSON-encoded). Hosts, users, buckets and paths stay, so the message still says what failed.
 */
export function redactSecrets(text: string, known?: Iterable<string>): string {
  let result = maskLiterals(text, known);
  result = result.replace(PEM_PRIVATE_KEY, (_match, begin: string, _label, end?: string) =>
    end ? `${begin}${MASK}${end}` : `${begin}${MASK}`,
  );
  result = result.replace(URL_USERINFO, `$1$2:${MASK}@`);
  result = result.replace(
    QUOTED_FIELD,
    (_m, keyQuote: string, name: string, colon: string, quote: string) => {
      return `${keyQuote}${name}${keyQuote}${colon}${quote}${MASK}${quote}`;
    },
  );
  result = result.replace(CONNECTION_STRING_PAIR, `$1$2$3${MASK}`);
  result = result.replace(ASSIGNMENT, (_m, name: string, equals: string, value: string) => {
    const quote = /^["'{]/.test(value) ? value[0] : '';
    const close = quote === '{' ? '}' : quote;
    return `${name}${equals}${quote}${MASK}${close}`;
  });
  result = result.replace(CREDENTIAL_HEADER, (_m, name: string, colon: string, scheme?: string) =>
    scheme ? `${name}${colon}${scheme} ${MASK}` : `${name}${colon}${MASK}`,
  );
  return result.replace(BEARER_TOKEN, `$1 ${MASK}`).replace(BASIC_CREDENTIALS, `$1 ${MASK}`);
}

/**
 * A copy of `value` with every string redacted, for error details and log fields: objects and
 * arrays are walked, string fields named like a credential (password, clientSecret, apiKey…) are
 * masked whole, and an Error becomes `{ name, message, code }` data (JSON would drop it to {}).
 */
export function redactValue(value: unknown, known?: Iterable<string>): unknown {
  const literals = known === undefined ? undefined : typeof known === 'string' ? [known] : [...known];
  return walk(value, literals, new WeakSet());
}

function walk(value: unknown, known: string[] | undefined, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value, known);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, known, ancestors));
    const source =
      value instanceof Error ? { name: value.name, message: value.message, code: errorCode(value) } : value;
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(source)) {
      if (field === undefined) continue;
      copy[key] = typeof field === 'string' && STRONG_KEY.test(key) ? MASK : walk(field, known, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

function errorCode(error: Error): unknown {
  return (error as { code?: unknown }).code;
}

function maskLiterals(text: string, known: Iterable<string> | undefined): string {
  const literals = new Set<string>();
  // A lone string is iterable too, as its characters: take it as one secret.
  const given = typeof known === 'string' ? [known] : [...(known ?? [])];
  for (const secret of [...given, ...remembered]) {
    if (secret.length < MIN_KNOWN_LENGTH) continue;
    // A driver may quote the secret inside a URL or a JSON document rather than verbatim.
    literals.add(secret).add(encodeURIComponent(secret)).add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length);
  let result = text;
  for (const literal of ordered) {
    if (result.includes(literal)) result = result.split(literal).join(MASK);
  }
  return result;
}
