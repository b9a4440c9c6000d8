import { create } from 'zustand';
import type { AttributeMatch } from '../../src-shared/mapping/auto-match';
import { applyRecipe } from '../../src-shared/mapping/apply-recipe';
import { matchAttributes } from '../../src-shared/mapping/auto-match';
import { guessRoles, initialMapping, type SourceColumn } from '../../src-shared/mapping/initial-mapping';
import { setImportType } from '../../src-shared/mapping/mapping-edits';
import type { IdType } from '../../src-shared/model/id-type';
import type { ImportType } from '../../src-shared/model/import-type';
import type { ImportMapping } from '../../src-shared/model/mapping';
import { loadAttributes, loadIdTypes } from './workspace-schema.store';

/** Undo depth: generous, mappings are small. */
const HISTORY = 200;

/** One draft's mapping with its undo and redo stacks. */
export interface MappingDraft {
  present: ImportMapping;
  past: ImportMapping[];
  future: ImportMapping[];
  /** Auto-matches shown beside headers so they can be undone (by column index). */
  matches: (AttributeMatch | null)[];
  /** The saved import this mapping belongs to, once saved. */
  importId: string | null;
  importName: string;
  /** A one-line note after a recipe was applied (what did not fit). */
  notice: string | null;
  /** The coalescing key of the last edit: typing in one field is one undo step, not one per key. */
  lastCoalesce: string | null;
}

interface MappingState {
  byDraft: Record<string, MappingDraft>;
}

/** The mapping step's state, per draft. Edits are pure functions from src-shared/mapping/mapping-edits. */
export const useMappingStore = create<MappingState>(() => ({ byDraft: {} }));

function put(key: string, change: (draft: MappingDraft) => MappingDraft): void {
  useMappingStore.setState((state) => {
    const draft = state.byDraft[key];
    return draft ? { byDraft: { ...state.byDraft, [key]: change(draft) } } : state;
  });
}

export function mappingOf(key: string): MappingDraft | undefined {
  return useMappingStore.getState().byDraft[key];
}

/** Starts a draft's mapping from its columns: auto-matched, typed as detected, roles guessed. */
export async function startMapping(
  key: string,
  columns: SourceColumn[],
  importType: ImportType,
  importName: string,
  timeZone: string,
): Promise<void> {
  const [idTypes, attributes] = await Promise.all([loadIdTypes(), loadAttributes(importType, '')]);
  const { mapping, matches } = initialMapping(columns, importType, attributes, idTypes, timeZone, {
    idAliases: true,
  });
  useMappingStore.setState((state) => ({
    byDraft: {
      ...state.byDraft,
      [key]: {
        present: mapping,
        past: [],
        future: [],
        matches,
        importId: null,
        importName,
        notice: null,
        lastCoalesce: null,
      },
    },
  }));
}

/**
 * Applies an edit; it can be undone. No-op edits do not enter the history. Consecutive edits with
 * the same `coalesce` key (keystrokes in one text field) replace each other: one undo step.
 */
export function editMapping(
  key: string,
  edit: (mapping: ImportMapping) => ImportMapping,
  coalesce: string | null = null,
): void {
  put(key, (draft) => {
    const next = edit(draft.present);
    if (JSON.stringify(next) === JSON.stringify(draft.present)) return draft;
    if (coalesce !== null && coalesce === draft.lastCoalesce && draft.past.length > 0) {
      return { ...draft, present: next, future: [], lastCoalesce: coalesce };
    }
    const past = [...draft.past, draft.present].slice(-HISTORY);
    return { ...draft, present: next, past, future: [], lastCoalesce: coalesce };
  });
}

export function undoMapping(key: string): void {
  put(key, (draft) => {
    const previous = draft.past.at(-1);
    if (!previous) return draft;
    return {
      ...draft,
      present: previous,
      past: draft.past.slice(0, -1),
      future: [draft.present, ...draft.future],
    };
  });
}

export function redoMapping(key: string): void {
  put(key, (draft) => {
    const [next, ...rest] = draft.future;
    if (!next) return draft;
    return {
      ...draft,
      present: next,
      past: [...draft.past, draft.present],
      future: rest,
      lastCoalesce: null,
    };
  });
}

/**
 * Switches the import type in one undoable edit: targets that were auto-matched to the old type's
 * attributes go back to their column names, roles the new type offers are guessed from headers,
 * and untouched columns are matched against the new type's attributes.
 */
export async function changeImportType(
  key: string,
  importType: ImportType,
  idTypes: IdType[],
): Promise<void> {
  const attributes = await loadAttributes(importType, '');
  const draft = mappingOf(key);
  if (!draft) return;
  const reverted = draft.present.columns.map((column, index) =>
    draft.matches[index]?.attribute === column.target ? { ...column, target: column.source.trim() } : column,
  );
  let next = guessRoles(setImportType({ ...draft.present, columns: reverted }, importType), idTypes, {
    idAliases: true,
  });
  const matches = matchAttributes(
    next.columns.map((column) => column.source),
    attributes,
  ).map((match, index) =>
    match && next.columns[index]!.target === next.columns[index]!.source.trim() ? match : null,
  );
  next = {
    ...next,
    columns: next.columns.map((column, index) => {
      const attribute = attributes.find((a) => a.name === matches[index]?.attribute);
      return attribute
        ? { ...column, target: attribute.name, type: column.role ? column.type : attribute.type }
        : column;
    }),
  };
  editMapping(key, () => next);
  put(key, (current) => ({ ...current, matches }));
}

/** Forgets an auto-match's note (the user saw it or changed the target). */
export function dismissMatch(key: string, index: number): void {
  put(key, (draft) => ({ ...draft, matches: draft.matches.map((m, i) => (i === index ? null : m)) }));
}

export function renameImport(key: string, importName: string): void {
  put(key, (draft) => ({ ...draft, importName }));
}

export function markSaved(key: string, importId: string): void {
  put(key, (draft) => ({ ...draft, importId }));
}

/** Applies a recipe's mapping by column names (undoable) and says what did not fit. */
export function applyRecipeToDraft(key: string, recipe: ImportMapping, name: string | null): void {
  const draft = mappingOf(key);
  if (!draft) return;
  const applied = applyRecipe(draft.present, recipe);
  editMapping(key, () => applied.mapping);
  const parts = [
    `Applied ${name ? `"${name}"` : 'the recipe'}.`,
    applied.missing.length ? `Not in this file: ${applied.missing.join(', ')}.` : '',
    applied.unmapped.length ? `Kept as they were: ${applied.unmapped.join(', ')}.` : '',
  ];
  put(key, (current) => ({
    ...current,
    matches: current.matches.map(() => null),
    notice: parts.filter(Boolean).join(' '),
  }));
}

/**
 * Makes a draft's mapping the saved import's again (editing it, or after its columns changed):
 * the saved mapping applied by column name, its name, and its id, so saving updates the import.
 */
export function resumeSavedImport(
  key: string,
  saved: { id: string; name: string; mapping: ImportMapping },
): void {
  applyRecipeToDraft(key, saved.mapping, saved.name);
  markSaved(key, saved.id);
  renameImport(key, saved.name);
}

export function dismissNotice(key: string): void {
  put(key, (draft) => ({ ...draft, notice: null }));
}

export function forgetMapping(key: string): void {
  useMappingStore.setState((state) => {
    const { [key]: _gone, ...rest } = state.byDraft;
    return { byDraft: rest };
  });
}
