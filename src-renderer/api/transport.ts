import type { IntakeApi } from '../../src-shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    intake?: IntakeApi;
    /** Set by the Electron preload: the path of a dropped File. */
    intakeFiles?: { pathForFile(file: File): string };
  }
}

/** The shell API this renderer talks to, chosen once at start-up. */
export function chooseTransport(createWeb: () => IntakeApi): IntakeApi {
  return window.intake ?? createWeb();
}
