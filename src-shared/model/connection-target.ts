import type { ConnectionSettings } from './connection';

/**
 * Where a connection points, in one short line for lists (the Connections page, `intake
 * connections list`): host and database, bucket, container, file or address. Never its secret.
 */
export function connectionTarget(settings: ConnectionSettings): string {
  switch (settings.kind) {
    case 'url':
      return settings.url || 'any address';
    case 'postgres':
    case 'mysql':
      return `${settings.host}:${settings.port}/${settings.database}`;
    case 'sqlite':
      return settings.path;
    case 'sftp':
      return `${settings.host}:${settings.port}`;
    case 's3':
      return `s3://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ` (${settings.region})`}`;
    case 'azure':
      return `${settings.account ? `${settings.account}/` : ''}${settings.container}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
    case 'gcs':
      return `gs://${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
    case 'bloomreach':
      return `${settings.endpoint} · project ${settings.project}`;
    case 'segment':
      return settings.endpoint;
  }
}
