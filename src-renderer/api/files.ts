import { UPLOAD_PATH } from '../../src-shared/contract';
import type { SourceRef } from '../../src-shared/model/source';
import type { Result } from '../../src-shared/result';
import { RequestError, shellKind } from './client';
import { takeWebToken } from './web-token';

/**
 * Turns a dropped or picked File into a source. In Electron the preload resolves its path and
 * main reads it in place; a browser has no paths, so the bytes are streamed to the web host.
 */
export async function fileToSource(file: File): Promise<SourceRef> {
  if (shellKind() === 'electron' && window.intakeFiles) {
    const result = await window.intakeFiles.addFile(file);
    if (!result.ok) throw new RequestError(result.error);
    return result.data;
  }
  const token = takeWebToken();
  const response = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: file,
  });
  const result = (await response.json()) as Result<SourceRef>;
  if (!result.ok) throw new RequestError(result.error);
  return result.data;
}
