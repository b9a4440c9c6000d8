interface Props<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  /** What the user sees for an option (defaults to the value itself). */
  optionLabel?: (option: T) => string;
  /** True while detection (not the user) chose the value: the option is marked "(detected)". */
  detected: boolean;
  confidence: number;
  disabled: boolean;
  onChange(value: T): void;
}

/** A dialect setting: a select that marks the detected option and shows detection's confidence. */
export function DetectedSelect<T extends string>(props: Props<T>) {
  const {
    label,
    value,
    options,
    optionLabel = (option) => option,
    detected,
    confidence,
    disabled,
    onChange,
  } = props;
  return (
    <label title={`Detected with ${Math.round(confidence * 100)}% confidence`}>
      {label}
      <select
        aria-label={label}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
            {detected && option === value ? ' (detected)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
