import { IMPORT_TYPES, IMPORT_TYPE_LABELS, type ImportType } from '../../../src-shared/model/import-type';
import type { ImportMapping, ImportOptions } from '../../../src-shared/model/mapping';

interface Props {
  mapping: ImportMapping;
  onImportType(importType: ImportType): void;
  /** `typing` marks keystrokes in a name field, which undo as one step. */
  onOptions(change: Partial<ImportOptions>, typing?: boolean): void;
}

/** Step 3's first choice: what the rows are, and the names that type needs (event type, catalog, pool). */
export function ImportTypeBar({ mapping, onImportType, onOptions }: Props) {
  const { importType, options } = mapping;
  return (
    <div className="import-type-bar" data-testid="import-type-bar">
      <label>
        Import as
        <select
          value={importType}
          aria-label="Import type"
          onChange={(event) => onImportType(event.target.value as ImportType)}
        >
          {IMPORT_TYPES.map((type) => (
            <option key={type} value={type}>
              {IMPORT_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      {importType === 'events' && (
        <NameField
          label="Event type"
          value={options.eventType}
          placeholder="purchase"
          onChange={(eventType) => onOptions({ eventType }, true)}
        />
      )}
      {importType === 'catalog' && (
        <>
          <NameField
            label="Catalog name"
            value={options.catalogName}
            placeholder="products"
            onChange={(catalogName) => onOptions({ catalogName }, true)}
          />
          <label className="import-type-bar__check">
            <input
              type="checkbox"
              checked={options.catalogKind === 'product'}
              onChange={(event) => onOptions({ catalogKind: event.target.checked ? 'product' : 'general' })}
            />
            Is product catalog
          </label>
        </>
      )}
      {importType === 'vouchers' && (
        <NameField
          label="Voucher pool"
          value={options.poolName}
          placeholder="spring_sale"
          onChange={(poolName) => onOptions({ poolName }, true)}
        />
      )}
      {(importType === 'identity' || importType === 'group') && (
        <label>
          Retain data for
          <select
            value={options.retentionDays ?? ''}
            aria-label="Retention"
            onChange={(event) =>
              onOptions({ retentionDays: event.target.value ? Number(event.target.value) : null })
            }
          >
            {importType === 'group' && <option value="">until is_deleted removes it</option>}
            {importType === 'identity' && <option value="">180 days (default)</option>}
            {[2, 3, 7, 14, 30, 60, 90, 180].map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** A name the platforms refuse spaces in; the field says so as the user types. */
function NameField({
  label,
  value,
  placeholder,
  onChange,
}: {
  label: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
}) {
  const spaced = /\s/.test(value);
  return (
    <label>
      {label}
      <input
        value={value}
        placeholder={placeholder}
        aria-label={label}
        aria-invalid={spaced}
        className={spaced ? 'input--invalid' : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
