import { useId, useState } from 'react';
import type { Attribute } from '../../../src-shared/model/id-type';

interface Props {
  value: string;
  attributes: Attribute[];
  disabled: boolean;
  onChange(target: string, existing: Attribute | undefined): void;
}

/**
 * The attribute a column becomes: pick an existing one from the list (shown in blue, like the
 * platforms do), or type a new name and press + (or Enter). Typing alone changes nothing until then.
 */
export function TargetCombobox({ value, attributes, disabled, onChange }: Props) {
  const listId = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? value;
  const existing = attributes.find((attribute) => attribute.name === value);
  const commit = () => {
    if (text === null) return;
    const name = text.trim();
    setText(null);
    if (name && name !== value)
      onChange(
        name,
        attributes.find((attribute) => attribute.name === name),
      );
  };
  return (
    <div className="target">
      <input
        className={existing ? 'target__input target--existing' : 'target__input'}
        list={listId}
        value={shown}
        disabled={disabled}
        aria-label="Target attribute"
        data-control="target"
        title={existing ? `Existing attribute (${existing.type})` : 'New attribute'}
        onChange={(event) => {
          const next = event.target.value;
          // Picking from the list applies at once; typing waits for + or Enter.
          const picked = attributes.find((attribute) => attribute.name === next);
          if (picked && (event.nativeEvent as InputEvent).inputType !== 'insertText') {
            setText(null);
            onChange(picked.name, picked);
          } else setText(next);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setText(null);
        }}
        onBlur={commit}
      />
      <datalist id={listId}>
        {attributes.map((attribute) => (
          <option key={attribute.name} value={attribute.name}>
            {attribute.type}
          </option>
        ))}
      </datalist>
      <button
        type="button"
        className="target__add"
        disabled={disabled || text === null || !text.trim()}
        title="Use this name"
        aria-label="Use this attribute name"
        onMouseDown={(event) => event.preventDefault()}
        onClick={commit}
      >
        +
      </button>
    </div>
  );
}
