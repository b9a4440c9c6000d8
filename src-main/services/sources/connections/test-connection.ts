import type { ConnectionTest } from '../../../../src-shared/model/connection';
import { toAppError } from '../../errors/to-app-error';
import type { ConnectorContext } from '../connectors/connector';
import { sqlDriverOf, SQL_KINDS } from '../connectors/sql';
import { openStorage, STORAGE_KINDS } from '../connectors/storage';
import { urlConnector } from '../connectors/url';
import type { ResolvedConnection } from './resolved-connection';

/** What a connection test found beyond pass or fail: an SFTP server's host key. */
export interface ConnectionTestDetails {
  hostKeySha256?: string;
}

/**
 * Tests a connection the way its sources will use it, within the connect timeout: a database
 * connects and runs SELECT 1, a storage system lists its root (folder, bucket or container), a
 * feed connection GETs its test address. The outcome is coded (AUTH, NETWORK, TIMEOUT, NOT_FOUND,
 * PERMISSION, HOST_KEY) and its message names the connection, never the secret.
 */
export async function testConnection(
  connection: ResolvedConnection,
  context: ConnectorContext,
): Promise<ConnectionTest & ConnectionTestDetails> {
  const testedAt = new Date().toISOString();
  const withConnection = { ...context, connection };
  try {
    const kind = connection.settings.kind;
    if ((SQL_KINDS as readonly string[]).includes(kind)) {
      const { driver, settings } = await sqlDriverOf(connection);
      await driver.test(connection, settings, withConnection);
    } else if ((STORAGE_KINDS as readonly string[]).includes(kind)) {
      const client = await openStorage(connection, withConnection);
      try {
        await client.list('');
      } finally {
        await client.close();
      }
    } else if (kind === 'url') {
      const url = connection.settings.kind === 'url' ? connection.settings.url : '';
      if (!url) {
        return {
          ok: true,
          code: null,
          message:
            'Saved. A URL connection holds credentials only; give it a test address to check them here.',
          testedAt,
        };
      }
      await urlConnector.head(
        { kind: 'url', url, connectionId: connection.id },
        1024,
        'sample',
        withConnection,
      );
    } else {
      return {
        ok: false,
        code: 'VALIDATION',
        message: `A ${kind} connection is a destination: it is tested when it pushes.`,
        testedAt,
      };
    }
    return { ok: true, code: null, message: `Connected to "${connection.name}".`, testedAt };
  } catch (error) {
    const appError = toAppError(error);
    const sha256 = appError.details?.sha256;
    return {
      ok: false,
      code: appError.code,
      message: appError.message,
      testedAt,
      ...(typeof sha256 === 'string' ? { hostKeySha256: sha256 } : {}),
    };
  }
}
