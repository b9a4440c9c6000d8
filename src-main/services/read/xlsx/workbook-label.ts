import { basename } from 'node:path';
import type { SourceSpec } from '../../../../src-shared/model/source';

/** How messages name a workbook: its file name where the source has one. */
export function workbookLabel(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'file':
    case 'paste':
      return `"${basename(spec.path)}"`;
    case 'upload':
      return `"${spec.name}"`;
    case 'storage':
      return `"${basename(spec.file ?? spec.path)}"`;
    case 'url': {
      // Only the path's last segment: a feed's query string or user part can carry a token.
      const name = URL.canParse(spec.url) ? new URL(spec.url).pathname.split('/').pop() : '';
      return name ? `"${decodeURIComponent(name)}"` : 'The workbook';
    }
    default:
      return 'The workbook';
  }
}
