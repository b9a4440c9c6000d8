import type { IntakeApi, IntakeFiles } from '../../src-shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    intake?: IntakeApi;
    /** Set by the Electron preload: registers a dropped or picked File as a source. */
    intakeFiles?: IntakeFiles;
  }
}

/** The shell API this renderer talks to, chosen once at start-up. */
export function chooseTransport(createWeb: () => IntakeApi): IntakeApi {
  return window.intake ?? createWeb();
}
