interface Props<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  /** What the user sees for an option (defaults to the value itself). */
  optionLabel?: (option: T) => string;
  /** The option detection chose: marked "(detected)" whatever the person picked since. */
  detectedValue: T | null;
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
    detectedValue,
    confidence,
    disabled,
    onChange,
  } = props;
  return (
    <label
      title={
        value === detectedValue
          ? `Detected with ${Math.round(confidence * 100)}% confidence`
          : `Chosen by you; detection chose ${detectedValue === null ? 'nothing' : optionLabel(detectedValue)}`
      }
    >
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
            {option === detectedValue ? ' (detected)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
