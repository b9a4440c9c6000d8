import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import type { SourceSpec } from '../../../src-shared/model/source';
import type { JobHandle } from '../jobs/job';
import { connectorFor } from '../sources/connectors';
import type { ConnectorContext } from '../sources/connectors/connector';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import type { PreviewTask } from './preview-source';

/** Previews kept: the dialect bar's last few settings for the sources open in the window. */
const KEPT = 32;

/** A registered source as the preview cache needs it: its id and spec. */
export interface PreviewableSource {
  id: string;
  spec: SourceSpec;
}

/** How recent a preview of a source without a fingerprint may be for staging to reuse it. */
export const RECENT_PREVIEW_MS = 30_000;

/**
 * Remembers recent previews so staging reuses the one the user just saw instead of reading and
 * detecting the head again. A preview is reused while its source's fingerprint (a file's size and
 * modification time) is unchanged and it has at least as many rows as asked for. A source without
 * a fingerprint (a query, a feed) is previewed afresh, unless the caller accepts one taken in the
 * last `maxAgeMs` (staging right after the preview on screen: the query need not run twice).
 * Previews run in the worker pool.
 */
export class PreviewCache {
  private readonly previews = new Map<string, Preview>();
  /** Previews of sources without a fingerprint, with when they were taken. */
  private readonly recent = new Map<string, { preview: Preview; at: number }>();

  constructor(
    private readonly runPreview: (task: PreviewTask) => JobHandle<Preview>,
    private readonly context: ConnectorContext,
    /** Reads a spec's connection and its secret from the keychain, for the preview's thread. */
    private readonly resolveConnection: (spec: SourceSpec) => Promise<ResolvedConnection | null> = () =>
      Promise.resolve(null),
  ) {}

  /** The preview of `source` under `overrides` with at least `rows` rows (any row count if omitted). */
  async get(
    source: PreviewableSource,
    overrides: DialectOverrides,
    rows?: number,
    options: { maxAgeMs?: number } = {},
  ): Promise<Preview> {
    const fingerprint = await connectorFor(source.spec).fingerprint(source.spec, this.context);
    const key = fingerprint === null ? null : JSON.stringify([source.id, fingerprint, overrides]);
    const recentKey = JSON.stringify([source.id, overrides]);
    const recent = key === null && options.maxAgeMs !== undefined ? this.recent.get(recentKey) : undefined;
    const cached =
      key === null
        ? recent && Date.now() - recent.at <= options.maxAgeMs!
          ? recent.preview
          : undefined
        : this.previews.get(key);
    if (cached && (rows === undefined || cached.rows.length >= rows || !cached.truncated)) {
      return rows === undefined ? cached : { ...cached, rows: cached.rows.slice(0, rows) };
    }
    const connection = await this.resolveConnection(source.spec);
    const preview = await this.runPreview({
      spec: source.spec,
      ...(connection ? { connection } : {}),
      overrides,
      ...(rows !== undefined ? { rows } : {}),
      workspaceDir: this.context.workspaceDir,
      ...(this.context.nativeBinding ? { nativeBinding: this.context.nativeBinding } : {}),
      ...(this.context.timeouts ? { timeouts: this.context.timeouts } : {}),
    }).done;
    if (key === null) {
      this.recent.delete(recentKey);
      if (this.recent.size >= KEPT) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(recentKey, { preview, at: Date.now() });
      return preview;
    }
    this.previews.delete(key);
    if (this.previews.size >= KEPT) this.previews.delete(this.previews.keys().next().value!);
    this.previews.set(key, preview);
    return preview;
  }
}
