import { s3Harness } from './storage-harness';
import { describeStorage } from './storage-suite';
import { describeNewFileTrigger } from './trigger-suite';

// S3 against s3rver (test/servers/s3rver.mjs), through the endpoint override: path-style
// addressing and checksums only when required. s3rver checks access key IDs but not V4
// signatures, and has no permissions to deny: AUTH is an unknown access key here, and PERMISSION
// (AccessDenied) is not reachable.

describeStorage(s3Harness(), describeNewFileTrigger);
