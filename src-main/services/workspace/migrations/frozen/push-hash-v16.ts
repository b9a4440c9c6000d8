import { createHash } from 'node:crypto';

// A frozen copy, as it was at schema version 16, of destinations/platform/record-hash: migration
// 16 turns the text keys and fingerprints it finds into the numbers the live code compares with,
// so what a destination already acknowledged is not sent again after the upgrade.

/** The first 48 bits of a SHA-256, as a safe integer. */
export function keyHashV16(key: string): number {
  return createHash('sha256').update(key).digest().readUIntBE(0, 6);
}

/** A fingerprint as version 15 stored it (22 characters of base64url) as its first 48 bits. */
export function fingerprintNumberV16(fingerprint: string): number {
  return Buffer.from(fingerprint.slice(0, 8), 'base64url').readUIntBE(0, 6);
}
