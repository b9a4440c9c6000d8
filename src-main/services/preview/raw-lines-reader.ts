import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { RawLines, RawLinesAt } from '../../../src-shared/model/raw-lines';
import type { SourceSpec } from '../../../src-shared/model/source';
import type { JobHandle } from '../jobs/job';
import type { ConnectorContext } from '../sources/connectors/connector';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import type { PreviewableSource } from './preview-cache';
import type { RawLinesTask } from './raw-lines';

/**
 * Runs raw views in the worker pool, with the spec's connection resolved here in main (its secret
 * goes to the thread in the task, as a preview's does). Nothing is cached: a raw view is asked for
 * after a failure, and the file may have been fixed since.
 */
export class RawLinesReader {
  constructor(
    private readonly run: (task: RawLinesTask) => JobHandle<RawLines>,
    private readonly context: ConnectorContext,
    private readonly resolveConnection: (spec: SourceSpec) => Promise<ResolvedConnection | null> = () =>
      Promise.resolve(null),
  ) {}

  /** The lines of `source` around `at`, read with `overrides` over detection. */
  async read(
    source: PreviewableSource,
    request: { overrides: DialectOverrides; at: RawLinesAt; around: number },
  ): Promise<RawLines> {
    const connection = await this.resolveConnection(source.spec);
    return this.run({
      spec: source.spec,
      ...(connection ? { connection } : {}),
      overrides: request.overrides,
      at: request.at,
      around: request.around,
      workspaceDir: this.context.workspaceDir,
      ...(this.context.nativeBinding ? { nativeBinding: this.context.nativeBinding } : {}),
      ...(this.context.timeouts ? { timeouts: this.context.timeouts } : {}),
    }).done;
  }
}
