import type { ExportFormat } from './destination';
import type { Run } from './run';

/** An export that has started: its run, and the file name it is saved under. */
export interface ExportStarted {
  run: Run;
  fileName: string;
  format: ExportFormat;
  /** True in a browser: fetch EXPORT_DOWNLOAD_PATH + run id once the run has succeeded. */
  download: boolean;
}
