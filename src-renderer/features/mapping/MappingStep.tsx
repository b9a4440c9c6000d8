import { runValuesAt } from '../../../src-shared/mapping/static-placeholders';
import { CleanupBar } from '../cleanup/CleanupBar';
import { IdentityPreviewBar } from '../identity/IdentityPreviewBar';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as edits from '../../../src-shared/mapping/mapping-edits';
import { LIMITS } from '../../../src-shared/limits';
import { blockingReason, requirementsOf } from '../../../src-shared/mapping/requirements';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportOptions } from '../../../src-shared/model/mapping';
import { call, errorMessage } from '../../api/client';
import { closeDraft, setStep, type Draft } from '../../stores/drafts.store';
import { openRunDetail, runImport } from '../../stores/runs.store';
import {
  applyRecipeToDraft,
  changeImportType,
  dismissNotice,
  editMapping,
  markSaved,
  redoMapping,
  renameImport,
  undoMapping,
  useMappingStore,
} from '../../stores/mapping.store';
import { useValidationStore } from '../../stores/validation.store';
import { attributesKey, loadAttributes, useWorkspaceSchemaStore } from '../../stores/workspace-schema.store';
import { AddIdTypeDialog } from './AddIdTypeDialog';
import { ImportTypeBar } from './ImportTypeBar';
import { fileNameOfDraft } from './draft-file-name';
import { MappingGrid } from './MappingGrid';
import { RecipeOfferBanner } from './RecipeOfferBanner';
import { buildRecipe, downloadRecipe, readRecipe, savedDialect } from './recipe-file';
import { ExportDialog } from './ExportDialog';
import { RequirementsChecklist } from './RequirementsChecklist';
import { StaticColumnDialog } from './StaticColumnDialog';
import { TimeZoneList } from './TimeZoneList';
import { useColumnEditors } from './use-column-editors';
import { useLiveValidation } from './use-live-validation';
import { useRecipeOffer } from './use-recipe-offer';
import { useUndoShortcuts } from './use-undo-shortcuts';
import { ValidationBar } from './ValidationBar';
import { ValueOptionsBar } from './ValueOptionsBar';

/** The attribute scope of a mapping: events have attributes per event type, catalogs per catalog. */
function scopeOf(importType: ImportType, options: ImportOptions): string {
  if (importType === 'events') return options.eventType.trim();
  if (importType === 'catalog') return options.catalogName.trim();
  return '';
}

/** Step 3 of a new import: choose the import type, then map, type, tag and clean every column. */
export function MappingStep({ draft }: { draft: Draft }) {
  const key = draft.key;
  const state = useMappingStore((s) => s.byDraft[key]);
  const validation = useValidationStore((s) => s.byDraft[key]);
  const idTypes = useWorkspaceSchemaStore((s) => s.idTypes);
  const mapping = state?.present;
  const scope = mapping ? scopeOf(mapping.importType, mapping.options) : '';
  const attributes = useWorkspaceSchemaStore((s) =>
    mapping ? s.attributes[attributesKey(mapping.importType, scope)] : undefined,
  );
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [staticOpen, setStaticOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [saveState, setSaveState] = useState<{
    saving: boolean;
    message: string | null;
    error: string | null;
  }>({
    saving: false,
    message: null,
    error: null,
  });
  const recipeInput = useRef<HTMLInputElement>(null);
  const staged = draft.dataset?.status === 'ready' ? draft.dataset : null;
  const header = useMemo(
    () => draft.dataset?.columns ?? draft.preview?.header ?? [],
    [draft.dataset, draft.preview],
  );
  const [offer, dismissOffer] = useRecipeOffer(header);

  const importType = mapping?.importType;
  useEffect(() => {
    if (importType) void loadAttributes(importType, scope).catch(() => undefined);
  }, [importType, scope]);
  useLiveValidation(key, staged?.id ?? null, mapping);
  useUndoShortcuts(
    useCallback(() => undoMapping(key), [key]),
    useCallback(() => redoMapping(key), [key]),
  );
  const [idTypeFor, setIdTypeFor] = useState<number | null>(null);
  const editorsFor = useColumnEditors(key, idTypes, setIdTypeFor);
  const requirements = useMemo(() => (mapping ? requirementsOf(mapping) : []), [mapping]);
  // The grid shows static columns as a run now fills them (the date of the day it is shown).
  const { source, described } = draft;
  const runValues = useMemo(
    () => runValuesAt(new Date(), fileNameOfDraft({ source, described })),
    [source, described],
  );
  const blocked = state && !state.importName.trim() ? 'Enter the import name.' : blockingReason(requirements);

  if (!state || !mapping || !draft.preview) return <p className="muted">Preparing the mapping…</p>;
  const preview = draft.preview;

  /** Saves the import; with `andRun`, runs it on the staged rows and hands them to the run. */
  const save = async (andRun = false) => {
    setSaveState({ saving: true, message: null, error: null });
    try {
      const saved = await call('imports:save', {
        ...(state.importId ? { id: state.importId } : {}),
        name: state.importName,
        sourceId: draft.source?.id ?? null,
        dialect: savedDialect(draft.overrides, preview),
        header,
        mapping,
      });
      markSaved(key, saved.id);
      if (andRun) {
        await runImport(saved.id, staged?.id);
        // The run owns the staged rows now; the draft is done.
        await closeDraft(key, Boolean(staged));
        openRunDetail(null);
        return;
      }
      setSaveState({ saving: false, message: `Saved "${saved.name}".`, error: null });
    } catch (error) {
      setSaveState({
        saving: false,
        message: null,
        error: errorMessage(error),
      });
    }
  };

  return (
    <section className="mapping-step" aria-label={`Mapping of ${draft.name}`} data-testid="mapping-step">
      <TimeZoneList />
      <header className="mapping-step__header">
        <button type="button" onClick={() => setStep(key, 'preview')}>
          ← Preview
        </button>
        <label className="mapping-step__name">
          Import name
          <input
            value={state.importName}
            aria-label="Import name"
            onChange={(event) => renameImport(key, event.target.value)}
          />
        </label>
        <div className="mapping-step__history">
          <button
            type="button"
            disabled={state.past.length === 0}
            onClick={() => undoMapping(key)}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            disabled={state.future.length === 0}
            onClick={() => redoMapping(key)}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
        </div>
        <div className="mapping-step__recipes">
          <button
            type="button"
            onClick={() =>
              downloadRecipe(
                buildRecipe(state.importName, savedDialect(draft.overrides, preview), header, mapping),
              )
            }
          >
            Export recipe
          </button>
          <button type="button" onClick={() => recipeInput.current?.click()}>
            Import recipe…
          </button>
          <button
            type="button"
            disabled={blocked !== null || !staged}
            title={
              blocked ??
              (staged ? 'Write the mapped rows to a CSV or NDJSON file' : 'Wait until every row is loaded')
            }
            onClick={() => setExportOpen(true)}
          >
            Export cleaned data…
          </button>
          <input
            ref={recipeInput}
            type="file"
            hidden
            accept=".json,application/json"
            data-testid="recipe-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              readRecipe(file)
                .then((recipe) => applyRecipeToDraft(key, recipe.mapping, recipe.name))
                .catch((error: unknown) =>
                  setSaveState({
                    saving: false,
                    message: null,
                    error: errorMessage(error),
                  }),
                );
            }}
          />
        </div>
      </header>
      {/* Editing a saved import: its own mapping is already here, so it is not offered again. */}
      {offer && offer.importId !== state.importId && (
        <RecipeOfferBanner
          offer={offer}
          onApply={() => {
            dismissOffer();
            void call('imports:get', { importId: offer.importId }).then((saved) =>
              applyRecipeToDraft(key, saved.mapping, saved.name),
            );
          }}
          onDismiss={dismissOffer}
        />
      )}
      {state.notice && (
        <div className="banner" role="status" data-testid="mapping-notice">
          <span>{state.notice}</span>
          <button type="button" className="link" onClick={() => dismissNotice(key)}>
            OK
          </button>
        </div>
      )}
      <div className="mapping-step__top">
        <ImportTypeBar
          mapping={mapping}
          sourceKind={draft.source?.kind ?? null}
          onImportType={(importType) => void changeImportType(key, importType, idTypes)}
          onOptions={(change, typing) =>
            editMapping(
              key,
              (m) => edits.setOptions(m, change),
              typing ? `options:${Object.keys(change).join()}` : null,
            )
          }
        />
        <RequirementsChecklist requirements={requirements} />
        {requirements.some((requirement) => requirement.key === 'columns' && !requirement.met) && (
          <button
            type="button"
            onClick={() => editMapping(key, (m) => edits.keepFirstColumns(m, LIMITS.columns))}
            title="IDs, times and static columns stay; the other columns stay from the left up to the limit"
          >
            Keep the first {LIMITS.columns} columns
          </button>
        )}
      </div>
      {mapping.importType === 'catalog' && (
        <p className="mapping-step__warning">
          Searchable fields and the catalog kind can be set only at a catalog&apos;s first import; later
          imports keep them.
        </p>
      )}
      <CleanupBar
        mapping={mapping}
        datasetId={staged?.id ?? null}
        summary={validation?.summary ?? null}
        onAdd={(step) => editMapping(key, (m) => edits.addCleanupStep(m, step))}
        onAddShape={(step) => editMapping(key, (m) => edits.addShapeStep(m, step))}
        onSetValueMapping={(column, step) => editMapping(key, (m) => edits.setValueMapping(m, column, step))}
        onRemove={(index) => editMapping(key, (m) => edits.removeCleanupStep(m, index))}
        sampleRows={preview.rows}
        firstRowNumber={preview.dialect.hasHeader ? 2 : 1}
        onOptions={(change) => editMapping(key, (m) => edits.setOptions(m, change))}
      />
      <ValidationBar
        validation={validation}
        staged={staged !== null}
        problemsOnly={problemsOnly}
        onProblemsOnly={setProblemsOnly}
      />
      <IdentityPreviewBar
        draftKey={key}
        datasetId={staged?.id ?? null}
        mapping={mapping}
        summary={validation?.summary ?? null}
        validating={validation?.running ?? false}
      />
      <MappingGrid
        runValues={runValues}
        preview={preview}
        dataset={draft.dataset}
        mapping={mapping}
        matches={state.matches}
        attributes={attributes ?? []}
        idTypes={idTypes}
        summary={validation?.summary ?? null}
        validationVersion={validation?.version ?? 0}
        problemsOnly={problemsOnly && Boolean(validation?.summary)}
        editorsFor={editorsFor}
        onAddStatic={() => setStaticOpen(true)}
        onRemoveStatic={(index) => editMapping(key, (m) => edits.removeStatic(m, index))}
        onEditCell={(edit) => editMapping(key, (m) => edits.editCell(m, edit))}
        onEditCells={(list) =>
          editMapping(key, (m) => edits.addCleanupStep(m, { kind: 'edit-cells', edits: list }))
        }
      />
      <ValueOptionsBar
        options={mapping.options}
        onOptions={(change) => editMapping(key, (m) => edits.setOptions(m, change))}
      />
      <footer className="mapping-step__footer">
        {saveState.error && (
          <p className="form-error" role="alert" data-testid="save-error">
            {saveState.error}
          </p>
        )}
        {saveState.message && (
          <p className="staging--done" role="status" data-testid="save-message">
            {saveState.message}
          </p>
        )}
        {blocked && (
          <span className="muted" data-testid="save-blocked">
            {blocked}
          </span>
        )}
        <button
          type="button"
          disabled={blocked !== null || saveState.saving || !state.importName.trim()}
          title={blocked ?? undefined}
          onClick={() => void save()}
        >
          {state.importId ? 'Save changes' : 'Save import'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={blocked !== null || saveState.saving || !state.importName.trim()}
          title={blocked ?? 'Save the import and import every row into the workspace now'}
          onClick={() => void save(true)}
        >
          Save and import
        </button>
      </footer>
      {idTypeFor !== null && (
        <AddIdTypeDialog
          open
          onAdded={(name) => editMapping(key, (m) => edits.setIdType(m, idTypeFor, name))}
          onClose={() => setIdTypeFor(null)}
        />
      )}
      {exportOpen && staged && (
        <ExportDialog
          draftKey={key}
          datasetId={staged.id}
          mapping={mapping}
          name={state.importName.trim() || draft.name}
          importId={state.importId}
          onClose={() => setExportOpen(false)}
        />
      )}
      {staticOpen && (
        <StaticColumnDialog
          open={staticOpen}
          suggestion={edits.suggestedStatic(state.importName)}
          draft={draft}
          taken={[
            ...mapping.columns.filter((c) => c.include).map((c) => c.target),
            ...mapping.statics.map((s) => s.name),
          ]}
          options={mapping.options}
          onAdd={(column) => editMapping(key, (m) => edits.addStatic(m, column))}
          onClose={() => setStaticOpen(false)}
        />
      )}
    </section>
  );
}
