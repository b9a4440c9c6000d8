import { describe, expect, it } from 'vitest';
import {
  knownSecrets,
  redactSecrets,
  redactValue,
  rememberSecret,
} from '../../../src-main/services/errors/redact';

/** Text as a driver or a request log would print it, the secrets in it, and what must survive. */
interface Case {
  text: string;
  secrets: string[];
  kept: string[];
}

const PEM_BODY = [
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
].join('\n');

const SERVICE_ACCOUNT_JSON = JSON.stringify(
  {
    type: 'service_account',
    project_id: 'intake-analytics',
    private_key_id: '4f2c9a1e0b7d',
    private_key: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----\n`,
    client_email: 'intake-loader@intake-analytics.iam.gserviceaccount.com',
    client_id: '104293847561029384756',
    token_uri: 'https://oauth2.googleapis.com/token',
  },
  null,
  2,
);

const CASES: Record<string, Case> = {
  'postgres:// with userinfo in a connect error': {
    text: 'connect ECONNREFUSED: postgres://etl_user:S3cr3t!Pass@db.prod.example.com:5432/warehouse?sslmode=require',
    secrets: ['S3cr3t!Pass'],
    kept: ['postgres://etl_user:***@db.prod.example.com:5432/warehouse?sslmode=require'],
  },
  'postgresql:// with an unencoded @ in the password': {
    text: 'could not connect to postgresql://bob:p@ss@w0rd@10.0.0.5/sales',
    secrets: ['p@ss@w0rd', 'ss@w0rd'],
    kept: ['postgresql://bob:***@10.0.0.5/sales'],
  },
  'mysql:// with a percent-encoded password': {
    text: 'Access denied for mysql://report:Zx%2F9%40q@mysql.internal:3306/shop (using password: YES)',
    secrets: ['Zx%2F9%40q'],
    kept: ['mysql://report:***@mysql.internal:3306/shop', 'using password: YES'],
  },
  'sftp:// with a port and a path': {
    text: 'All configured authentication methods failed for sftp://deploy:hunter2-long@files.partner.net:2222/exports/daily.csv',
    secrets: ['hunter2-long'],
    kept: ['sftp://deploy:***@files.partner.net:2222/exports/daily.csv'],
  },
  'https:// with userinfo (a URL feed with Basic auth)': {
    text: 'GET https://feeduser:Feed%24Pass99@feeds.example.org/catalog.xml?phase=sample returned 401',
    secrets: ['Feed%24Pass99'],
    kept: ['https://feeduser:***@feeds.example.org/catalog.xml?phase=sample', 'returned 401'],
  },
  'redis:// with an empty user name': {
    text: 'NOAUTH at redis://:r3d1sPass@cache:6379/0',
    secrets: ['r3d1sPass'],
    kept: ['redis://:***@cache:6379/0'],
  },
  'mongodb+srv:// URL quoted in JSON': {
    text: '{"uri":"mongodb+srv://admin:M0ng0Pass@cluster0.abcde.mongodb.net/test?retryWrites=true"}',
    secrets: ['M0ng0Pass'],
    kept: ['mongodb+srv://admin:***@cluster0.abcde.mongodb.net/test?retryWrites=true"}'],
  },
  'JDBC URL with user and password parameters': {
    text: 'jdbc:postgresql://db:5432/app?user=intake&password=Jdbc$ecret1&ssl=true',
    secrets: ['Jdbc$ecret1'],
    kept: ['jdbc:postgresql://db:5432/app?user=intake&password=***&ssl=true'],
  },
  'Azure storage connection string': {
    text: 'DefaultEndpointsProtocol=https;AccountName=intakestorage;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net',
    secrets: ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='],
    kept: ['AccountName=intakestorage;AccountKey=***;EndpointSuffix=core.windows.net'],
  },
  'Azure connection string with a SAS': {
    text: 'BlobEndpoint=https://intakestorage.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&spr=https&sig=Qm9ndXNTaWduYXR1cmU%3D',
    secrets: ['Qm9ndXNTaWduYXR1cmU%3D', 'sp=rl'],
    kept: ['BlobEndpoint=https://intakestorage.blob.core.windows.net/;SharedAccessSignature=***'],
  },
  'Azure Blob SAS URL': {
    text: 'AuthenticationFailed: https://intakestorage.blob.core.windows.net/imports/customers.csv?sv=2022-11-02&ss=b&sp=r&se=2026-12-31&sig=abcDEF123%2Bxyz%3D',
    secrets: ['abcDEF123%2Bxyz%3D'],
    kept: [
      'https://intakestorage.blob.core.windows.net/imports/customers.csv?sv=2022-11-02&ss=b&sp=r&se=2026-12-31&sig=***',
    ],
  },
  'S3 presigned URL': {
    text:
      'SignatureDoesNotMatch for https://intake-exports.s3.eu-central-1.amazonaws.com/daily/2026-12-06.csv' +
      '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261206%2Feu-central-1%2Fs3%2Faws4_request' +
      '&X-Amz-Date=20261206T101500Z&X-Amz-Expires=900&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F' +
      '&X-Amz-SignedHeaders=host&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
    secrets: ['AKIAIOSFODNN7EXAMPLE', 'IQoJb3JpZ2luX2VjEJr', 'fe5f80f77d5fa3beca038a248ff027d0445342fe'],
    kept: [
      'https://intake-exports.s3.eu-central-1.amazonaws.com/daily/2026-12-06.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***',
      'X-Amz-Date=20261206T101500Z&X-Amz-Expires=900&X-Amz-Security-Token=***&X-Amz-SignedHeaders=host&X-Amz-Signature=***',
    ],
  },
  'AWS keys in a config dump': {
    text: 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY region=eu-west-1',
    secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    kept: ['aws_secret_access_key=***', 'region=eu-west-1'],
  },
  'SQL Server connection string with a space in the password': {
    text: 'Login failed: Server=tcp:sql.example.com,1433;Database=crm;User ID=intake;Password=correct horse battery;Encrypt=True',
    secrets: ['correct horse battery', 'horse', 'battery'],
    kept: ['Server=tcp:sql.example.com,1433;Database=crm;User ID=intake;Password=***;Encrypt=True'],
  },
  'quoted password holding ; and =': {
    text: 'Host=pg;Username=intake;Password="a;b=c9x";Port=5432',
    secrets: ['a;b=c9x', 'b=c9x'],
    kept: ['Host=pg;Username=intake;Password="***";Port=5432'],
  },
  'ODBC braces around the password': {
    text: 'Driver={ODBC Driver 18 for SQL Server};Server=sql1;Uid=intake;Pwd={Pa;ss9};',
    secrets: ['Pa;ss9', 'ss9'],
    kept: ['Driver={ODBC Driver 18 for SQL Server};Server=sql1;Uid=intake;Pwd={***};'],
  },
  'OAuth token in a query string': {
    text: 'HTTP 403 from https://api.example.com/v1/export?access_token=ya29.a0AfH6SMBx9&format=csv',
    secrets: ['ya29.a0AfH6SMBx9'],
    kept: ['https://api.example.com/v1/export?access_token=***&format=csv'],
  },
  'API key parameter': {
    text: 'GET https://www.googleapis.com/storage/v1/b/intake-bucket/o?key=AIzaSyD-EXAMPLE123&prefix=exports/',
    secrets: ['AIzaSyD-EXAMPLE123'],
    kept: ['https://www.googleapis.com/storage/v1/b/intake-bucket/o?key=***&prefix=exports/'],
  },
  'TOKEN= and Secret= in any letter case': {
    text: 'retrying with TOKEN=tk_live_51Habc and Secret=sk_9f8e7d6c; attempt 2',
    secrets: ['tk_live_51Habc', 'sk_9f8e7d6c'],
    kept: ['TOKEN=***', 'Secret=***', 'attempt 2'],
  },
  'Authorization: Basic in a request dump': {
    text: 'GET /catalog.xml HTTP/1.1\r\nHost: feeds.example.org\r\nAuthorization: Basic ZmVlZHVzZXI6RmVlZCRQYXNzOTk=\r\nX-Exponea-Import-Phase: sample\r\n',
    secrets: ['ZmVlZHVzZXI6RmVlZCRQYXNzOTk='],
    kept: ['Host: feeds.example.org\r\n', 'Authorization: Basic ***\r\n', 'X-Exponea-Import-Phase: sample'],
  },
  'Authorization: Bearer with a JWT': {
    text: 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
    secrets: ['eyJhbGciOiJIUzI1NiJ9', 'c2lnbmF0dXJl'],
    kept: ['authorization: Bearer ***'],
  },
  'Authorization header in a JSON request log': {
    text: '{"method":"GET","headers":{"Authorization":"Bearer abc.def.ghi","Accept":"text/csv"},"status":401}',
    secrets: ['abc.def.ghi'],
    kept: ['"Authorization":"***"', '"Accept":"text/csv"', '"status":401'],
  },
  'a printed options object (util.inspect)': {
    text: "Error: connect ETIMEDOUT { host: 'db.internal', user: 'loader', password: 'It\\'s-a-secret', port: 5432 }",
    secrets: ["It\\'s-a-secret", 'a-secret'],
    kept: ["host: 'db.internal'", "user: 'loader'", "password: '***'", 'port: 5432'],
  },
  'a bare bearer token': {
    text: 'token rejected: Bearer gho_16C7e42F292c6912E7710c838347Ae178B4a',
    secrets: ['gho_16C7e42F292c6912E7710c838347Ae178B4a'],
    kept: ['token rejected: Bearer ***'],
  },
  'PEM private key block for SFTP': {
    text: `Cannot parse privateKey: -----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\n(host files.partner.net)`,
    secrets: PEM_BODY.split('\n'),
    kept: [
      'Cannot parse privateKey: -----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----',
      '(host files.partner.net)',
    ],
  },
  'OpenSSH key cut off before its END line': {
    text: `key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW`,
    secrets: ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'],
    kept: ['key: -----BEGIN OPENSSH PRIVATE KEY-----***'],
  },
  'GCS service-account JSON': {
    text: `Invalid credentials file: ${SERVICE_ACCOUNT_JSON}`,
    secrets: PEM_BODY.split('\n'),
    kept: [
      '"private_key": "***"',
      '"project_id": "intake-analytics"',
      '"private_key_id": "4f2c9a1e0b7d"',
      '"client_email": "intake-loader@intake-analytics.iam.gserviceaccount.com"',
      '"token_uri": "https://oauth2.googleapis.com/token"',
    ],
  },
};

describe('redactSecrets', () => {
  it.each(Object.entries(CASES))('masks %s', (_name, { text, secrets, kept }) => {
    const redacted = redactSecrets(text);
    for (const secret of secrets) expect(redacted).not.toContain(secret);
    for (const context of kept) expect(redacted).toContain(context);
    // Redacting twice changes nothing more: a message redacted at the source survives the logger.
    expect(redactSecrets(redacted)).toBe(redacted);
  });

  it('masks a known secret a driver echoes in its error, verbatim, URL-encoded or JSON-escaped', () => {
    const secret = 'Tr0ub4dor&3 "x"/ü';
    const message = [
      `password authentication failed for user "etl" (tried '${secret}')`,
      `while opening https://api.example.com/login?p=${encodeURIComponent(secret)}&user=etl`,
      `request body ${JSON.stringify({ login: 'etl', pass: secret })}`,
    ].join('\n');
    const redacted = redactSecrets(message, [secret]);
    expect(redacted).not.toContain('Tr0ub4dor');
    expect(redacted).toBe(
      [
        `password authentication failed for user "etl" (tried '***')`,
        `while opening https://api.example.com/login?p=***&user=etl`,
        `request body {"login":"etl","pass":"***"}`,
      ].join('\n'),
    );
  });

  it('masks secrets remembered by the process without being told them again', () => {
    const secret = 'kR7#remembered-once';
    expect(redactSecrets(`echo: ${secret}`)).toBe(`echo: ${secret}`);
    rememberSecret(secret);
    expect(knownSecrets()).toContain(secret);
    expect(redactSecrets(`driver said: invalid value "${secret}" for option`)).toBe(
      'driver said: invalid value "***" for option',
    );
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('a=longsecret9 b=longsecret', ['longsecret', 'longsecret9'])).toBe('a=*** b=***');
  });

  it('takes a lone string as one secret, not as its characters', () => {
    expect(redactSecrets('token is Swordfish42 here', 'Swordfish42')).toBe('token is *** here');
  });

  it('ignores known secrets of three characters or fewer, which would blank ordinary words', () => {
    rememberSecret('abc');
    expect(knownSecrets()).not.toContain('abc');
    expect(redactSecrets('abc def', ['abc', 'de'])).toBe('abc def');
  });

  // Each of these took ~3 s per 100 KB before its pattern was fixed (rescanning from every
  // position); linear patterns take a few milliseconds, so 1 s leaves room on a busy machine.
  it.each([
    ['dotted host-like text', 'a.'.repeat(100_000)],
    ['dashed text', 'a-'.repeat(100_000)],
    ['a ; and a long run of spaces', `;${' '.repeat(200_000)}x`],
    ['an unterminated quoted password', `"password": "${'a'.repeat(200_000)}`],
  ])('redacts 200 KB of %s in linear time', (_name, text) => {
    const started = performance.now();
    redactSecrets(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it.each([
    'Loaded 1,204 rows from customers.csv (key column: customer_id)',
    'token_type=bearer expires_in=3600',
    's3://intake-exports/daily/2026-12-06.csv',
    'https://feeds.example.org/catalog.xml?phase=preview&page=2',
    'mailto:ops@example.com and ops@example.com',
    'Basic authentication failed; check the password in the connection',
    'private_key_id=4f2c9a1e0b7d',
  ])('leaves text without credentials alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts every string in nested details and masks credential-named fields whole', () => {
    const at = new Date('2026-12-06T10:00:00Z');
    const details = {
      url: 'postgres://loader:pgPass123@db/warehouse',
      attempts: 3,
      at,
      config: {
        host: 'db',
        user: 'loader',
        password: 'short1',
        apiKey: 'k-123456',
        secretRef: 'secret:7f3e',
      },
      headers: [{ name: 'Authorization', value: 'Basic bG9hZGVyOnBnUGFzczEyMw==' }],
      lines: ['ok', 'failed with password=hunter22'],
    };
    expect(redactValue(details)).toEqual({
      url: 'postgres://loader:***@db/warehouse',
      attempts: 3,
      at,
      config: { host: 'db', user: 'loader', password: '***', apiKey: '***', secretRef: 'secret:7f3e' },
      headers: [{ name: 'Authorization', value: 'Basic ***' }],
      lines: ['ok', 'failed with password=***'],
    });
    // The input is not changed.
    expect(details.config.password).toBe('short1');
  });

  it('masks known secrets anywhere, even where no shape gives them away', () => {
    const value = {
      headers: [{ name: 'X-Session', value: 'sess-8f7e6d5c4b' }],
      note: 'sess-8f7e6d5c4b expired',
    };
    expect(redactValue(value, ['sess-8f7e6d5c4b'])).toEqual({
      headers: [{ name: 'X-Session', value: '***' }],
      note: '*** expired',
    });
  });

  it('turns an Error into data with its message redacted', () => {
    const error = Object.assign(new Error('auth failed for sftp://deploy:sftpPass9@files.partner.net'), {
      code: 'ERR_AUTH',
    });
    expect(redactValue({ cause: error })).toEqual({
      cause: {
        name: 'Error',
        message: 'auth failed for sftp://deploy:***@files.partner.net',
        code: 'ERR_AUTH',
      },
    });
  });

  it('survives a cycle', () => {
    const node: Record<string, unknown> = { name: 'a', token: 'tok-98765' };
    node.self = node;
    expect(redactValue(node)).toEqual({ name: 'a', token: '***', self: '[Circular]' });
  });

  it('returns strings redacted and other primitives as they are', () => {
    expect(redactValue('pwd=abcd1234')).toBe('pwd=***');
    expect(redactValue(42)).toBe(42);
    expect(redactValue(null)).toBe(null);
  });
});
