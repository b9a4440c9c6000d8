import type { Handlers } from '../../../src-shared/contract';
import type { ShellKind } from '../../../src-shared/model/app-info';
import type { Workspace } from '../workspace/workspace';
import { localeTags } from './locale-tags';

/** The product name and version, defined at build time (the bundle does not embed package.json). */
declare const __APP_VERSION__: string;
declare const __APP_NAME__: string;

/** The app's name and version: from the build, or from package.json when running from source (tests). */
export const APP = {
  name: typeof __APP_NAME__ === 'string' ? __APP_NAME__ : 'Intake',
  version:
    typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : (process.env.npm_package_version ?? '0.0.0'),
};

/** Requests of the `app` domain. */
export function createAppInfoHandlers(deps: {
  workspace: Workspace;
  shell: ShellKind;
  /**
   * The desktop's regional format, then its preferred languages (Electron's app API); absent in
   * the web host, whose user's languages are the browser's.
   */
  systemLocales?: (() => readonly string[]) | undefined;
}): Pick<Handlers, 'app:info'> {
  return {
    'app:info': () => {
      const sqlite = deps.workspace.db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
      return {
        name: APP.name,
        version: APP.version,
        shell: deps.shell,
        workspacePath: deps.workspace.dir,
        databasePath: deps.workspace.databasePath,
        schemaVersion: deps.workspace.schemaVersion(),
        platform: `${process.platform}-${process.arch}`,
        versions: {
          node: process.versions.node,
          electron: process.versions.electron ?? null,
          sqlite: sqlite.v,
        },
        locales: localeTags(deps.systemLocales?.() ?? []),
      };
    },
  };
}
