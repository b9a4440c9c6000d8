import type { StorageFileInfo } from '../../../../src-shared/model/source';
import { formatCount, formatDateTime, formatSize } from '../../../components/format';

/**
 * The files a storage source matches: name, size, modified time and whether the import has read
 * them. With `onPick`, each can be chosen for the preview (`picked` marks the one shown).
 */
export function StorageFileList({
  files,
  picked,
  onPick,
}: {
  files: StorageFileInfo[];
  picked?: string | undefined;
  onPick?: ((name: string) => void) | undefined;
}) {
  if (files.length === 0)
    return (
      <p className="muted" data-testid="storage-files">
        No file matches.
      </p>
    );
  return (
    <table className="plain-table storage-files" data-testid="storage-files">
      <caption className="muted">
        {formatCount(files.length)} matching file{files.length === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          {onPick && (
            <th scope="col">
              <span className="visually-hidden">Preview</span>
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Size</th>
          <th scope="col">Modified</th>
          <th scope="col">Imported</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file, index) => (
          <tr key={file.name} data-testid="storage-file">
            {onPick && (
              <td>
                <input
                  type="radio"
                  name="previewed-file"
                  aria-label={`Preview ${file.name}`}
                  checked={picked === undefined ? index === 0 : picked === file.name}
                  onChange={() => onPick(file.name)}
                />
              </td>
            )}
            <td>{file.name}</td>
            <td>{formatSize(file.size)}</td>
            <td>{formatDateTime(file.modifiedAt)}</td>
            <td>{file.imported ? 'yes' : <span className="muted">no</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
