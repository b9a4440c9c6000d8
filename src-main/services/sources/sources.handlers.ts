import type { Handlers } from '../../../src-shared/contract';
import { IntakeError } from '../../../src-shared/errors';
import type { HandlerContext } from '../handler-context';
import { addPaste } from './paste-source';
import { registerFile } from './register-file';
import { getSource, toSourceRef } from './source-repository';

function desktopOnly(context: HandlerContext, what: string): void {
  if (context.shell !== 'electron') {
    throw new IntakeError(
      'VALIDATION',
      `${what} is only available in the desktop app; in a browser, files are uploaded.`,
    );
  }
}

/** Requests of the `sources` domain. */
export const sourcesHandlers = {
  'sources:addPaste': async ({ text }, context) =>
    toSourceRef(await addPaste(context.workspace.db, context.workspace.dir, text)),
  'sources:addPath': async ({ path }, context) => {
    desktopOnly(context, 'Opening a file by path');
    return toSourceRef(await registerFile(context.workspace.db, path));
  },
  'sources:choose': async (_payload, context) => {
    desktopOnly(context, 'The Open dialog');
    const paths = (await context.chooseFiles?.()) ?? [];
    const sources = [];
    for (const path of paths) sources.push(toSourceRef(await registerFile(context.workspace.db, path)));
    return sources;
  },
  'sources:preview': ({ sourceId, overrides, rows }, context) =>
    context.previews.get(getSource(context.workspace.db, sourceId), overrides, rows),
} satisfies Pick<
  Handlers<HandlerContext>,
  'sources:addPaste' | 'sources:addPath' | 'sources:choose' | 'sources:preview'
>;
