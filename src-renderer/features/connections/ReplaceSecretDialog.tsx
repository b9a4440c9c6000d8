import { useState } from 'react';
import type { ConnectionSummary } from '../../../src-shared/model/connection';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { replaceSecret } from '../../stores/connections.store';
import { KIND_FORMS } from './connection-fields';

/** Types a connection's new secret; the old one is replaced in the keychain, neither is ever shown. */
export function ReplaceSecretDialog({
  connection,
  onClose,
}: {
  connection: ConnectionSummary;
  onClose(): void;
}) {
  const secret = KIND_FORMS[connection.kind].secret;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!secret) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await replaceSecret(connection.id, value);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Replace the secret of ${connection.name}`} open onClose={onClose}>
      <label className="connection-form">
        New {secret.label.toLowerCase()}
        {secret.multiline ? (
          <textarea
            className="secret-box"
            aria-label={`New ${secret.label}`}
            rows={5}
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : (
          <input
            type="password"
            aria-label={`New ${secret.label}`}
            autoComplete="new-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={value === '' || busy} onClick={() => void save()}>
        Replace and test
      </button>
    </Dialog>
  );
}
