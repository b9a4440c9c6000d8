import { useState } from 'react';
import { LIMITS } from '../../../src-shared/limits';
import { Dialog } from '../../components/Dialog';
import { addPastedText } from '../../stores/drafts.store';
import { formatCount } from '../../components/format';

interface Props {
  open: boolean;
  onClose(): void;
}

/** A paste box for cells copied from a spreadsheet or CSV text, up to the 500 KB paste limit. */
export function PasteDialog({ open, onClose }: Props) {
  const [text, setText] = useState('');
  const bytes = new TextEncoder().encode(text).length;
  const tooBig = bytes > LIMITS.pasteBytes;
  return (
    <Dialog title="Paste data" open={open} onClose={onClose}>
      <textarea
        className="paste-box"
        aria-label="Data to paste"
        placeholder="Paste cells copied from a spreadsheet, or CSV text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
      />
      <p className={tooBig ? 'form-error' : 'muted'}>
        {formatCount(bytes)} of {formatCount(LIMITS.pasteBytes)} bytes
        {tooBig && ' — over the paste limit: save it as a file and drop the file instead.'}
      </p>
      <button
        type="button"
        disabled={text.trim() === '' || tooBig}
        onClick={() => {
          void addPastedText(text);
          setText('');
          onClose();
        }}
      >
        Preview
      </button>
    </Dialog>
  );
}
