import { rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { ShellKind } from '../../../src-shared/model/app-info';
import { addDescribedSource } from './add-source';
import { addPaste } from './paste-source';
import { registerFile } from './register-file';
import { forgetUnusedOwnedSource, toSourceRef } from './source-repository';

function desktopOnly(shell: ShellKind, what: string): void {
  if (shell !== 'electron') {
    throw new IntakeError(
      'VALIDATION',
      `${what} is only available in the desktop app; in a browser, files are uploaded.`,
    );
  }
}

/** Requests of the `sources` domain. */
export function createSourcesHandlers(deps: {
  db: Database;
  workspaceDir: string;
  shell: ShellKind;
  /** Desktop only: shows the Open dialog and resolves to the chosen paths. */
  chooseFiles?: (() => Promise<string[]>) | undefined;
}): Pick<
  Handlers,
  'sources:add' | 'sources:addPaste' | 'sources:addPath' | 'sources:choose' | 'sources:forget'
> {
  return {
    'sources:add': (spec) => toSourceRef(addDescribedSource(deps.db, deps.workspaceDir, spec)),
    'sources:addPaste': async ({ text }) => toSourceRef(await addPaste(deps.db, deps.workspaceDir, text)),
    'sources:addPath': async ({ path }) => {
      desktopOnly(deps.shell, 'Opening a file by path');
      return toSourceRef(await registerFile(deps.db, path));
    },
    'sources:choose': async () => {
      desktopOnly(deps.shell, 'The Open dialog');
      const paths = (await deps.chooseFiles?.()) ?? [];
      const sources = [];
      for (const path of paths) sources.push(toSourceRef(await registerFile(deps.db, path)));
      return sources;
    },
    'sources:forget': ({ sourceId }) => {
      const forgotten = forgetUnusedOwnedSource(deps.db, sourceId);
      if (forgotten?.path) rmSync(forgotten.path, { force: true });
      return { forgotten: forgotten !== null };
    },
  };
}
