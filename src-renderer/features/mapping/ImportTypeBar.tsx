import {
  INCREMENTAL_SOURCE_KINDS,
  TIME_FIELD_ROLES,
  incrementalProblem,
  timeFieldOf,
} from '../../../src-shared/mapping/incremental';
import {
  IMPORT_TYPES,
  IMPORT_TYPE_LABELS,
  ROLE_LABELS,
  type ImportType,
} from '../../../src-shared/model/import-type';
import type { ImportMapping, ImportOptions } from '../../../src-shared/model/mapping';
import type { SourceKind } from '../../../src-shared/model/source';

interface Props {
  mapping: ImportMapping;
  /** The kind of source the import reads: incremental sync is offered for queries and storage. */
  sourceKind: SourceKind | null;
  onImportType(importType: ImportType): void;
  /** `typing` marks keystrokes in a name field, which undo as one step. */
  onOptions(change: Partial<ImportOptions>, typing?: boolean): void;
}

/** Step 3's first choice: what the rows are, and the names that type needs (event type, catalog, pool). */
export function ImportTypeBar({ mapping, sourceKind, onImportType, onOptions }: Props) {
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
          {options.catalogKind === 'product' && (
            <label
              className="import-type-bar__check"
              title="For a feed with one ID column per product: the item_id column is imported as the product_id too"
            >
              <input
                type="checkbox"
                checked={options.productIdFromItemId === true}
                onChange={(event) => onOptions({ productIdFromItemId: event.target.checked })}
              />
              Use item_id as product_id
            </label>
          )}
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
      <IncrementalCheck mapping={mapping} sourceKind={sourceKind} onOptions={onOptions} />
    </div>
  );
}

/**
 * Incremental sync, offered for a database query or storage files and an import type with a time
 * field; disabled, saying why, until a column is tagged as that field. Still shown while it is on
 * where it no longer applies (another import type), so it can be turned off: Save refuses it.
 */
function IncrementalCheck({
  mapping,
  sourceKind,
  onOptions,
}: Pick<Props, 'mapping' | 'sourceKind' | 'onOptions'>) {
  const role = TIME_FIELD_ROLES[mapping.importType];
  const offered = role !== null && sourceKind !== null && INCREMENTAL_SOURCE_KINDS.includes(sourceKind);
  if (!offered && mapping.options.incremental !== true) return null;
  const field = timeFieldOf(mapping);
  const problem = incrementalProblem(mapping, sourceKind);
  const name = field ? `"${field.source}"` : role ? ROLE_LABELS[role].toLowerCase() : 'time field';
  return (
    <label className="import-type-bar__check" title={problem ? `Not available: ${problem}.` : undefined}>
      <input
        type="checkbox"
        checked={mapping.options.incremental === true}
        disabled={problem !== null && mapping.options.incremental !== true}
        aria-describedby={problem ? 'incremental-problem' : undefined}
        onChange={(event) => onOptions({ incremental: event.target.checked })}
      />
      Incremental: each run reads only rows newer than the last imported {name}
      {problem && (
        <span id="incremental-problem" className="muted">
          ({problem})
        </span>
      )}
    </label>
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
