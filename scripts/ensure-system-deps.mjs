// Installs the system packages the tests need, first thing in `npm test`.
// On Debian/Ubuntu it installs what is missing with apt; elsewhere it prints exactly what to
// install and fails, rather than letting a test fail later with a confusing message.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** What the tests use, how to tell it is there, and Debian's package for it. */
const REQUIREMENTS = [
  {
    what: 'Chromium (end-to-end tests)',
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    apt: 'chromium',
  },
  { what: 'sqlite3 CLI (benchmark baseline)', present: () => onPath('sqlite3'), apt: 'sqlite3' },
  {
    what: 'gnome-keyring (a real Secret Service for the keychain tests)',
    present: () => onPath('gnome-keyring-daemon'),
    apt: 'gnome-keyring',
    linuxOnly: true,
  },
  {
    what: 'secret-tool (the keychain tests check the Secret Service with it)',
    present: () => onPath('secret-tool'),
    apt: 'libsecret-tools',
    linuxOnly: true,
  },
  {
    what: "dbus-daemon and dbus-send (the keychain tests' private session bus)",
    present: () => onPath('dbus-daemon') && onPath('dbus-send'),
    apt: 'dbus',
    linuxOnly: true,
  },
  {
    what: 'a Latin/Cyrillic/Greek font (readable screenshots)',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu'),
    apt: 'fonts-dejavu-core',
    linuxOnly: true,
  },
  {
    what: 'PostgreSQL 15 server and psql (SQL source tests, PostgreSQL benchmark)',
    present: () => existsSync('/usr/lib/postgresql/15/bin/initdb') && onPath('psql'),
    apt: 'postgresql-15',
    linuxOnly: true,
  },
  {
    what: 'MariaDB server (SQL source tests)',
    present: () => existsSync('/usr/sbin/mariadbd') && onPath('mariadb-install-db'),
    apt: 'mariadb-server',
    linuxOnly: true,
  },
  {
    what: 'MariaDB client (the SQL test server is pinged and set up with it)',
    present: () => onPath('mariadb') && onPath('mariadb-admin'),
    apt: 'mariadb-client',
    linuxOnly: true,
  },
  {
    what: 'OpenSSH server (the SFTP source tests run a private sshd)',
    present: () => existsSync('/usr/sbin/sshd'),
    apt: 'openssh-server',
    linuxOnly: true,
  },
  {
    what: 'OpenSSH client (ssh-keygen for the SFTP tests, sftp for the storage benchmark)',
    present: () => onPath('ssh-keygen') && onPath('sftp'),
    apt: 'openssh-client',
    linuxOnly: true,
  },
  { what: 'curl (the S3 benchmark baseline)', present: () => onPath('curl'), apt: 'curl' },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = REQUIREMENTS.filter((r) => (!r.linuxOnly || process.platform === 'linux') && !r.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((r) => r.apt);
const canApt = process.platform === 'linux' && onPath('apt-get');
const isRoot = process.getuid?.() === 0;
if (canApt && (isRoot || onPath('sudo'))) {
  console.log(`Installing system packages for the tests: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    isRoot
      ? spawnSync('apt-get', args, { stdio: 'inherit', env })
      : spawnSync('sudo', ['--preserve-env=DEBIAN_FRONTEND', 'apt-get', ...args], { stdio: 'inherit', env });
  // Server packages (PostgreSQL, MariaDB, sshd) start a system service on install; the tests run
  // private ones on random ports. A policy-rc.d that says "no" keeps the system's off, as in
  // Debian's own container images; one that was already there is left alone.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = isRoot && !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  const update = apt(['update', '-qq']);
  const install = apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (ownPolicy) rmSync(policy, { force: true });
  if (update.status === 0 && install.status === 0 && missing.every((r) => r.present())) process.exit(0);
  console.error('apt could not install every package; see the output above.');
  process.exit(1);
}
console.error('The tests need these system packages, which are missing:');
for (const r of missing) console.error(`  - ${r.what}: Debian/Ubuntu package "${r.apt}"`);
console.error(
  'Install them with your package manager (set CHROMIUM_PATH if Chromium lives elsewhere), then run npm test again.',
);
process.exit(1);
