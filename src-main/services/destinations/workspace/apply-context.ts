/**
 * Who is applying, so an import's data can be expired later: events remember their run (runs know
 * their import), every other row its import. Both are null for data no import owns (a quick CLI
 * import has a run but no import definition), and such data is never expired with an import.
 */
export interface ApplyContext {
  runId: string | null;
  importId: string | null;
}
