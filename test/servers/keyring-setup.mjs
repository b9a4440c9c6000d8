// Vitest globalSetup: one private Secret Service for the whole run. Its bus address goes into
// process.env before the test workers start, so they (and the tools they spawn) inherit it and
// never reach the user's own keychain.
import { startKeyring } from './keyring.mjs';

// Tells the keychain tests that DBUS_SESSION_BUS_ADDRESS is this setup's throwaway bus.
const TEST_KEYRING_MARKER = 'INTAKE_TEST_KEYRING_BUS';

let keyring;
let previousAddress;

/** Starts the keyring and points DBUS_SESSION_BUS_ADDRESS at its bus. */
export async function setup() {
  // gnome-keyring is Linux's; elsewhere the keychain tests skip themselves.
  if (process.platform !== 'linux') return;
  keyring = await startKeyring();
  previousAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env.DBUS_SESSION_BUS_ADDRESS;
  process.env[TEST_KEYRING_MARKER] = keyring.env.DBUS_SESSION_BUS_ADDRESS;
}

/** Stops the keyring (both PIDs gone, folder removed) and restores the environment. */
export async function teardown() {
  if (!keyring) return;
  if (previousAddress === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = previousAddress;
  delete process.env[TEST_KEYRING_MARKER];
  await keyring.stop();
  keyring = undefined;
}
