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
 * Checks a request's token. The API sends `Authorization: Bearer`, the first page load and the
 * WebSocket carry `?token=`, assets ride on the HttpOnly cookie set by that first load.
 */
export function authenticate(request: IncomingMessage, url: URL, token: string): TokenSource {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return 'header';
  const query = url.searchParams.get('token');
  if (query && safeEqual(query, token)) return 'query';
  const cookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (cookie && safeEqual(cookie, token)) return 'cookie';
  return null;
}

/** The Set-Cookie value that remembers the token for this origin only. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
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
