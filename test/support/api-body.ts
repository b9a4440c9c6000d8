/** A web-host API answer as tests read it: loosely typed, checked by assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiBody = { ok: boolean; data?: any; error?: any };
