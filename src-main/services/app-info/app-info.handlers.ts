import type { HandlerContext } from '../handler-context';
import type { Handlers } from '../../../src-shared/contract';
import packageJson from '../../../package.json' with { type: 'json' };

/** Requests of the `app` domain. */
export const appInfoHandlers = {
  'app:info': (_payload, context) => {
    const sqlite = context.workspace.db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
    return {
      name: packageJson.productName,
      version: packageJson.version,
      shell: context.shell,
      workspacePath: context.workspace.dir,
      databasePath: context.workspace.databasePath,
      schemaVersion: context.workspace.schemaVersion(),
      platform: `${process.platform}-${process.arch}`,
      versions: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        sqlite: sqlite.v,
      },
    };
  },
} satisfies Pick<Handlers<HandlerContext>, 'app:info'>;
