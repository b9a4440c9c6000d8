import type { SourceBytes, SourceParts, StorageFile } from '../sources/connectors/connector';

/** One stretch of a source's bytes as staging reads it: a whole source, or one file of several. */
export interface StagedPart {
  bytes: SourceBytes;
  /** The storage file it is, or null for a source of one stream. */
  file: StorageFile | null;
}

/**
 * A source's bytes one part at a time, each opened only when the previous one is done (so a
 * storage run holds one transfer at a time), with the bytes read over all parts so far.
 */
export function stagedParts(source: SourceBytes | SourceParts): {
  parts: AsyncGenerator<StagedPart>;
  bytesRead(): number;
} {
  let finished = 0;
  let current: SourceBytes | null = null;
  async function* parts(): AsyncGenerator<StagedPart> {
    if (!('files' in source)) {
      current = source;
      yield { bytes: source, file: null };
      return;
    }
    for (const file of source.files) {
      current = await source.open(file);
      yield { bytes: current, file };
      finished += current.bytesRead();
      current = null;
    }
  }
  return { parts: parts(), bytesRead: () => finished + (current?.bytesRead() ?? 0) };
}
