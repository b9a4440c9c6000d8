import { InlineDialog } from '../../../components/InlineDialog';
import { useEffect, useState } from 'react';
import type { SchedulePreview } from '../../../../src-shared/model/automation';
import type { ImportOverview } from '../../../../src-shared/model/run';
import { errorMessage } from '../../../api/client';
import { formatDateTimeIn } from '../../../components/format';
import {
  allowNotifications,
  openScheduleEditor,
  previewSchedule,
  saveAutomation,
  useAutomationStore,
} from '../../../stores/automation.store';
import { zoneDate } from '../../../../src-shared/schedule/wall-clock';
import { automationOf, draftOf, scheduleOf, type RunChoice, type ScheduleDraft } from './schedule-draft';
import { ScheduleFields } from './ScheduleFields';

const CHOICES: [RunChoice, string][] = [
  ['none', 'Only when asked'],
  ['once', 'Once'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['new-file', 'When a new file arrives'],
];

const COMPUTER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Schedule repeated import": how a saved import runs by itself, previewed in words before saving. */
export function ScheduleDialog({ entry }: { entry: ImportOverview }) {
  const current = useAutomationStore((state) => state.byImport[entry.id]);
  const notifications = useAutomationStore((state) => state.notifications);
  const [draft, setDraft] = useState<ScheduleDraft>(() =>
    // Today as the computer's clock says it (a UTC date is yesterday or tomorrow near midnight).
    draftOf(current?.automation, COMPUTER_ZONE, zoneDate(new Date(), COMPUTER_ZONE)),
  );
  const [preview, setPreview] = useState<SchedulePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<ScheduleDraft>) => setDraft((before) => ({ ...before, ...patch }));
  const close = () => openScheduleEditor(null);
  const kind = entry.source?.kind;
  const fixed = kind === 'file' || kind === 'paste' || kind === 'upload' || !kind;

  const schedule = scheduleOf(draft);
  const scheduleKey = JSON.stringify(schedule);
  useEffect(() => {
    if (!schedule) return;
    let live = true;
    previewSchedule(schedule)
      .then((shown) => live && (setPreview(shown), setPreviewError(null)))
      .catch((failure: unknown) => live && (setPreview(null), setPreviewError(errorMessage(failure))));
    return () => {
      live = false;
    };
    // The schedule is rebuilt on every render; its JSON says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scheduleKey]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveAutomation(entry.id, automationOf(draft));
      close();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <InlineDialog
      onClose={close}
      label="Schedule"
      title={<>Schedule “{entry.name}”</>}
      error={error}
      className="schedule-dialog"
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          {!fixed && (
            <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
              Save schedule
            </button>
          )}
        </>
      }
    >
      {fixed ? (
        <p className="warning-note" data-testid="schedule-refused">
          {kind === 'paste' ? 'Pasted data' : 'A dropped or opened file'} never changes: run again, it would
          import the same rows. Only imports from a URL, a database, file storage or a workspace query can run
          by themselves.
        </p>
      ) : (
        <>
          <label>
            Runs{' '}
            <select
              aria-label="Runs"
              value={draft.choice}
              onChange={(e) => change({ choice: e.target.value as RunChoice })}
            >
              {CHOICES.map(([value, label]) => (
                <option key={value} value={value} disabled={value === 'new-file' && kind !== 'storage'}>
                  {label}
                  {value === 'new-file' && kind !== 'storage' ? ' (file storage only)' : ''}
                </option>
              ))}
            </select>
          </label>
          {schedule && <ScheduleFields draft={draft} change={change} />}
          {draft.choice === 'new-file' && (
            <p className="muted">
              The storage is checked every 5 minutes; each matching file not imported yet is imported once, in
              the selection rule's order.
            </p>
          )}
          {schedule && preview && (
            <div className="schedule-preview" role="status" data-testid="schedule-preview">
              <strong data-testid="schedule-words">{preview.words}</strong>
              {preview.notes.map((note) => (
                <p key={note} className="warning-note" data-testid="schedule-note">
                  {note}
                </p>
              ))}
              {preview.next.length > 0 && (
                <p className="muted">
                  Next: {preview.next.map((at) => formatDateTimeIn(at, draft.timeZone)).join(' · ')}
                </p>
              )}
            </div>
          )}
          {schedule && previewError && <p className="form-error">{previewError}</p>}
          {draft.choice !== 'none' && notifications === 'default' && (
            <p className="muted">
              A failed run can notify you.{' '}
              <button type="button" className="link" onClick={() => void allowNotifications()}>
                Allow notifications
              </button>
            </p>
          )}
        </>
      )}
    </InlineDialog>
  );
}
