import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie that lets the browser load the renderer's assets after the first, token-bearing URL. */
export const TOKEN_COOKIE = 'intake_token';

/** A fresh per-launch token: 32 random bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Where a request carried the token, if it carried the right one. */
export type TokenSource = 'header' | 'cookie' | 'query' | null;

/**
 * Checks a request's token. The API sends `Authorization: Bearer`; the first page load carries
 * `?token=` (only where `queryAllowed`: the page itself, once per launch), and everything after it
 * rides on the HttpOnly cookie that first load sets, so a leaked URL does not open the API forever.
 */
export function authenticate(
  request: IncomingMessage,
  url: URL,
  token: string,
  queryAllowed = false,
): TokenSource {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return 'header';
  const query = url.searchParams.get('token');
  if (queryAllowed && query && safeEqual(query, token)) return 'query';
  const cookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (cookie && safeEqual(cookie, token)) return 'cookie';
  return null;
}

/** The Set-Cookie value that remembers the token for this origin only. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Whether a request that changes something may proceed: from this server's own page (its exact
 * Origin), or from a program that sends no Origin and proves itself with the bearer token. A page
 * on another local port is same-site, so the browser sends it the cookie: the Origin is what
 * tells it apart (no-cors fetches and form posts carry one).
 */
export function isAllowedOrigin(origin: string | undefined, source: TokenSource, port: number): boolean {
  if (origin === undefined) return source === 'header';
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/**
 * Refuses requests whose Host is not this server's loopback address, which defeats DNS
 * rebinding: a hostile page cannot reach the host under a name it controls.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
