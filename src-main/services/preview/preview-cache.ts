import { stat } from 'node:fs/promises';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import type { StoredSource } from '../sources/source-repository';
import { previewFile } from './preview-source';

/** Previews kept: the dialect bar's last few settings for the sources open in the window. */
const KEPT = 32;

/**
 * Remembers recent previews so staging reuses the one the user just saw instead of reading and
 * detecting the head again. A preview is reused while the file's size and modification time are
 * unchanged and it has at least as many rows as asked for.
 */
export class PreviewCache {
  private readonly previews = new Map<string, Preview>();

  /** The preview of `source` under `overrides` with at least `rows` rows (any row count if omitted). */
  async get(source: StoredSource, overrides: DialectOverrides, rows?: number): Promise<Preview> {
    const info = await stat(source.path);
    const key = JSON.stringify([source.id, info.size, info.mtimeMs, overrides]);
    const cached = this.previews.get(key);
    if (cached && (rows === undefined || cached.rows.length >= rows || !cached.truncated)) {
      return rows === undefined ? cached : { ...cached, rows: cached.rows.slice(0, rows) };
    }
    const preview = await previewFile(source.path, overrides, rows);
    this.previews.delete(key);
    if (this.previews.size >= KEPT) this.previews.delete(this.previews.keys().next().value!);
    this.previews.set(key, preview);
    return preview;
  }
}
