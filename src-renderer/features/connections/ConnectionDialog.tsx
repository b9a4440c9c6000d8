import { useState } from 'react';
import type { ConnectionKind, ConnectionSummary } from '../../../src-shared/model/connection';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { createConnection, updateConnection } from '../../stores/connections.store';
import { KIND_FORMS, KIND_ORDER, settingsFromForm, type ConnectionField } from './connection-fields';

interface Props {
  /** The connection to edit; none for a new one. */
  editing: ConnectionSummary | null;
  onClose(): void;
}

type Values = Record<string, string | number | null>;

/**
 * A connection's settings: a new one (kind, settings and its secret, typed once) or an existing
 * one (settings only; its secret is replaced apart, never shown). Saving tests it.
 */
export function ConnectionDialog({ editing, onClose }: Props) {
  const [kind, setKind] = useState<ConnectionKind>(editing?.kind ?? 'postgres');
  const [name, setName] = useState(editing?.name ?? '');
  const [values, setValues] = useState<Values>(() => initialValues(editing, editing?.kind ?? 'postgres'));
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = KIND_FORMS[kind];

  const chooseKind = (next: ConnectionKind) => {
    setKind(next);
    setValues(initialValues(null, next));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const settings = settingsFromForm(kind, pinnedKeyKept(editing, values));
      if (editing) await updateConnection(editing.id, { name: name.trim(), settings });
      else await createConnection(name.trim(), settings, secret === '' ? undefined : secret);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const missing =
    name.trim() === '' ||
    form.fields.some((field) => field.required && String(values[field.key] ?? '').trim() === '') ||
    (!editing && form.secret !== null && !form.secret.optional && secret === '');

  return (
    <Dialog title={editing ? `Edit ${editing.name}` : 'New connection'} open onClose={onClose}>
      <div className="connection-form" data-testid="connection-form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-label="Name" />
        </label>
        <label>
          Kind
          <select
            value={kind}
            disabled={editing !== null}
            aria-label="Kind"
            onChange={(e) => chooseKind(e.target.value as ConnectionKind)}
          >
            {(['Feeds', 'Databases', 'File storage', 'Push destinations'] as const).map((group) => (
              <optgroup key={group} label={group}>
                {KIND_ORDER.filter((option) => KIND_FORMS[option].group === group).map((option) => (
                  <option key={option} value={option}>
                    {KIND_FORMS[option].label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {form.fields.map((field) => (
          <FieldInput
            key={`${kind}-${field.key}`}
            field={field}
            value={values[field.key] ?? ''}
            onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
          />
        ))}
        {form.secret && !editing && <SecretInput secret={form.secret} value={secret} onChange={setSecret} />}
        {form.secret && editing && (
          <p className="muted">
            {form.secret.label}: {editing.hasSecret ? 'kept in the system keychain' : 'none'}. Use “Replace
            secret” in the list to change it.
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={missing || busy} onClick={() => void save()}>
        {form.group === 'Push destinations' ? 'Save' : 'Save and test'}
      </button>
    </Dialog>
  );
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: ConnectionField;
  value: string | number;
  onChange(value: string): void;
}) {
  return (
    <label>
      {field.label}
      {field.kind === 'select' ? (
        <select value={String(value)} aria-label={field.label} onChange={(e) => onChange(e.target.value)}>
          {field.options!.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          type={field.kind === 'number' ? 'number' : 'text'}
          value={value}
          aria-label={field.label}
          placeholder={field.placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.hint && <span className="muted field-hint">{field.hint}</span>}
    </label>
  );
}

/** The secret, typed once: a password field, or for a JSON key a text area with a file loader. */
function SecretInput({
  secret,
  value,
  onChange,
}: {
  secret: NonNullable<(typeof KIND_FORMS)[ConnectionKind]['secret']>;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label>
      {secret.label}
      {secret.optional ? ' (optional)' : ''}
      {secret.multiline ? (
        <>
          <textarea
            className="secret-box"
            aria-label={secret.label}
            value={value}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => onChange(e.target.value)}
          />
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Load key file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(onChange);
            }}
          />
        </>
      ) : (
        <input
          type="password"
          aria-label={secret.label}
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <span className="muted field-hint">{secret.hint} It is never shown again.</span>
    </label>
  );
}

function initialValues(editing: ConnectionSummary | null, kind: ConnectionKind): Values {
  if (editing) {
    const { kind: _kind, ...settings } = editing.settings as Record<string, string | number | null>;
    return settings;
  }
  return { ...KIND_FORMS[kind].defaults };
}

/** An SFTP host key stays pinned while the host and port stay; another server must be trusted anew. */
function pinnedKeyKept(editing: ConnectionSummary | null, values: Values): Values {
  if (editing?.settings.kind !== 'sftp') return values;
  const before = editing.settings;
  const sameServer = values.host === before.host && Number(values.port) === before.port;
  return { ...values, hostKeySha256: sameServer ? before.hostKeySha256 : null };
}
