import type { z } from 'zod';
import type { ConnectionSettingsSchema } from '../schemas/connections';
import type { ErrorCode } from '../result';

/** A connection's settings: its kind and everything but its secret. */
export type ConnectionSettings = z.output<typeof ConnectionSettingsSchema>;
export type ConnectionKind = ConnectionSettings['kind'];

/** The outcome of a connection test, kept with the connection. */
export interface ConnectionTest {
  ok: boolean;
  /** Null when the test passed; else what failed (AUTH, NETWORK, TIMEOUT, NOT_FOUND, PERMISSION…). */
  code: ErrorCode | null;
  message: string;
  testedAt: string;
  /** SFTP, code HOST_KEY: the server's key fingerprint to check and trust (SHA256:…). */
  hostKeySha256?: string;
}

/** A saved connection as the renderer sees it: never its secret, only whether it has one. */
export interface ConnectionSummary {
  id: string;
  name: string;
  kind: ConnectionKind;
  settings: ConnectionSettings;
  hasSecret: boolean;
  lastTest: ConnectionTest | null;
  createdAt: string;
  updatedAt: string;
}
