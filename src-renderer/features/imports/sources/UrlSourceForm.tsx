import { useState } from 'react';
import { addDescribedSource } from '../../../stores/drafts.store';
import { ConnectionSelect } from './ConnectionSelect';
import { FormError } from './FormError';
import { useSubmit } from './use-submit';

/**
 * A CSV or XML feed over HTTP(S): each request says its phase (sample, preview, download) in the
 * X-Exponea-Import-Phase header, as feeds built for the platforms expect; Basic auth comes from a
 * URL connection.
 */
export function UrlSourceForm({ onDone }: { onDone(): void }) {
  const [url, setUrl] = useState('');
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(onDone);
  return (
    <div className="connection-form">
      <label>
        Address
        <input
          type="url"
          aria-label="Address"
          placeholder="https://example.com/export/customers.csv"
          spellCheck={false}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <span className="muted field-hint">
          HTTP or HTTPS; certificates are verified, up to 5 redirects are followed, gzip is decoded.
        </span>
      </label>
      <ConnectionSelect kinds={['url']} value={connectionId} onChange={setConnectionId} optional />
      <FormError error={error} />
      <button
        type="button"
        className="primary"
        disabled={url.trim() === '' || busy}
        onClick={() => void submit(() => addDescribedSource({ kind: 'url', url: url.trim(), connectionId }))}
      >
        {busy ? 'Reading…' : 'Preview'}
      </button>
    </div>
  );
}
