import { CONTENT_SECURITY_POLICY } from '../../../src-shared/content-security-policy';

/** Headers on every web-host response: the same CSP as the Electron window, no referrer (the URL holds the token). */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
