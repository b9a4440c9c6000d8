import type { AttributeMatch } from '../../../src-shared/mapping/auto-match';
import { COLUMN_TYPES, COLUMN_TYPE_LABELS, type ColumnType } from '../../../src-shared/model/column-type';
import type { Attribute, IdType } from '../../../src-shared/model/id-type';
import {
  ID_TYPED_ROLES,
  IMPORT_TYPE_ROLES,
  ROLE_LABELS,
  TRIMMED_ROLES,
  type Role,
} from '../../../src-shared/model/import-type';
import type { ColumnMapping, ImportMapping } from '../../../src-shared/model/mapping';
import type { ColumnValidation } from '../../../src-shared/model/validation';
import { personalKindOf } from '../../../src-shared/mapping/personal-data';
import { ColumnProfileView } from './ColumnProfileView';
import { MojibakeOffer } from './MojibakeOffer';
import { TargetCombobox } from './TargetCombobox';
import { onHeaderKeyDown } from './use-column-keyboard';
import { TIME_ZONE_LIST_ID } from './TimeZoneList';
import { formatCount, formatDate } from '../../components/format';

const ADD_ID_TYPE = '\u0000add';

/** The edits a header can make; each becomes one undoable mapping edit. */
export interface ColumnEditors {
  include(include: boolean): void;
  target(target: string, existing: Attribute | undefined): void;
  type(type: ColumnType): void;
  role(role: Role | null): void;
  idType(idType: string): void;
  transforms(
    change: Partial<
      Pick<ColumnMapping, 'trim' | 'lowercase' | 'timeZone' | 'hashPersonal' | 'repairMojibake'>
    >,
  ): void;
  searchable(searchable: boolean): void;
  undoMatch(): void;
  /** Opens the dialog that adds an ID type, then gives it to this column. */
  addIdType(): void;
}

interface Props {
  index: number;
  mapping: ImportMapping;
  attributes: Attribute[];
  idTypes: IdType[];
  validation: ColumnValidation | undefined;
  match: AttributeMatch | null;
  edit: ColumnEditors;
}

/** Everything about one source column, under its name: include, target, type, role, transforms, profile. */
export function ColumnHeaderControls({
  index,
  mapping,
  attributes,
  idTypes,
  validation,
  match,
  edit,
}: Props) {
  const column = mapping.columns[index]!;
  const personal = personalKindOf(column);
  const { allowed } = IMPORT_TYPE_ROLES[mapping.importType];
  const offered = allowed.filter(
    (role) => role !== 'product_id' || mapping.options.catalogKind === 'product',
  );
  // The current role is always listed, even when no longer offered, so it shows and can be cleared.
  const roles = column.role && !offered.includes(column.role) ? [...offered, column.role] : offered;
  const idTyped = column.role !== null && ID_TYPED_ROLES.includes(column.role);
  const alwaysTrimmed = column.role !== null && TRIMMED_ROLES.includes(column.role);
  const temporal = column.type === 'datetime' || column.type === 'date';
  const problems = validation ? validation.invalid + validation.tooLong : 0;
  return (
    <div className="column-controls" data-column-index={index} onKeyDown={onHeaderKeyDown}>
      <div className="column-controls__line">
        <input
          type="checkbox"
          checked={column.include}
          aria-label={`Import column ${column.source}`}
          title={column.include ? 'Imported as an attribute' : 'Not imported as an attribute'}
          data-control="include"
          onChange={(event) => edit.include(event.target.checked)}
        />
        <TargetCombobox
          value={column.target}
          attributes={attributes}
          disabled={!column.include}
          onChange={edit.target}
        />
      </div>
      {match && match.how !== 'exact' && (
        <div className="column-controls__match">
          <span
            title={`Matched ${match.how === 'fuzzy' ? 'by similarity' : 'by name'} (${Math.round(match.score * 100)}%)`}
          >
            matched → {match.attribute}
          </span>
          <button
            type="button"
            className="link"
            onClick={edit.undoMatch}
            aria-label={`Undo the match of ${column.source}`}
          >
            undo
          </button>
        </div>
      )}
      <div className="column-controls__line">
        <select
          value={column.type}
          aria-label={`Data type of ${column.source}`}
          data-control="type"
          disabled={column.role !== null}
          title={column.role ? `${ROLE_LABELS[column.role]} values are read as ${column.type}` : 'Data type'}
          onChange={(event) => edit.type(event.target.value as ColumnType)}
        >
          {COLUMN_TYPES.map((type) => (
            <option key={type} value={type}>
              {COLUMN_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        <select
          value={column.role ?? ''}
          aria-label={`Role of ${column.source}`}
          data-control="role"
          className={column.role ? 'role role--tagged' : 'role'}
          onChange={(event) => edit.role((event.target.value || null) as Role | null)}
        >
          <option value="">No role</option>
          {roles.map((role) => (
            <option key={role} value={role}>
              {role === 'id' && mapping.importType === 'group' ? 'User ID' : ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      {idTyped && (
        <select
          value={column.idType ?? ''}
          aria-label={`ID type of ${column.source}`}
          data-control="idType"
          className="role role--tagged"
          onChange={(event) =>
            event.target.value === ADD_ID_TYPE ? edit.addIdType() : edit.idType(event.target.value)
          }
        >
          {!column.idType && <option value="">Choose ID type…</option>}
          {idTypes.map((idType) => (
            <option key={idType.name} value={idType.name}>
              {idType.name} ({idType.kind})
            </option>
          ))}
          <option value={ADD_ID_TYPE}>+ Add ID type…</option>
        </select>
      )}
      <div className="column-controls__line column-controls__transforms">
        <label title={alwaysTrimmed ? 'IDs and keys are always trimmed' : 'Remove spaces around values'}>
          <input
            type="checkbox"
            checked={column.trim}
            disabled={alwaysTrimmed}
            data-control="trim"
            onChange={(event) => edit.transforms({ trim: event.target.checked })}
          />
          trim
        </label>
        <label title="Lowercase values (recommended for IDs; do not toggle it back and forth)">
          <input
            type="checkbox"
            checked={column.lowercase}
            data-control="lowercase"
            onChange={(event) => edit.transforms({ lowercase: event.target.checked })}
          />
          lowercase
        </label>
        {personal && (
          <label
            className={column.hashPersonal === false ? 'column-controls__unhashed' : undefined}
            title={
              column.hashPersonal === false
                ? 'Sent as it is to a platform or PostgreSQL: this column holds personal data'
                : `Personal data (${personal}): normalised and SHA-256 hashed before it leaves this computer`
            }
          >
            <input
              type="checkbox"
              checked={column.hashPersonal !== false}
              data-control="hashPersonal"
              onChange={(event) => edit.transforms({ hashPersonal: event.target.checked })}
            />
            {column.hashPersonal === false ? `${personal}: sent unhashed` : `hash ${personal} when pushed`}
          </label>
        )}
        {mapping.importType === 'catalog' && (
          <label title="Searchable fields can be set only at a catalog's first import">
            <input
              type="checkbox"
              checked={column.searchable}
              disabled={!column.include || column.type === 'list' || column.type === 'json'}
              data-control="searchable"
              onChange={(event) => edit.searchable(event.target.checked)}
            />
            searchable
          </label>
        )}
      </div>
      {temporal && (
        <input
          className="column-controls__zone"
          list={TIME_ZONE_LIST_ID}
          placeholder={`Zone: ${mapping.options.timeZone} (import)`}
          aria-label={`Time zone of ${column.source}`}
          data-control="timeZone"
          defaultValue={column.timeZone ?? ''}
          key={column.timeZone ?? ''}
          title="For ISO datetimes without an offset; offsets in the data win"
          onBlur={(event) => edit.transforms({ timeZone: event.target.value.trim() || null })}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      )}
      {validation && problems > 0 && (
        <div
          className="column-controls__problems"
          data-testid="column-problems"
          title={validation.examples.map((e) => `row ${e.rowNumber}: ${e.message}`).join('\n')}
        >
          {formatCount(problems)} invalid
        </div>
      )}
      {validation && validation.warnings > 0 && (
        <div
          className="column-controls__warnings"
          title={validation.warningExamples.map((e) => `row ${e.rowNumber}: ${e.message}`).join('\n')}
        >
          {formatCount(validation.warnings)} with warnings
        </div>
      )}
      {validation?.profile.mojibake && (
        <MojibakeOffer
          column={column.source}
          found={validation.profile.mojibake}
          repairing={column.repairMojibake === true}
          onRepair={(repairMojibake) => edit.transforms({ repairMojibake })}
        />
      )}
      {validation && (
        <ColumnProfileView
          profile={validation.profile}
          histogramLabel={histogramLabel(column.type, validation)}
        />
      )}
    </div>
  );
}

/** Dates and datetimes are binned by epoch seconds; say the range as dates. */
function histogramLabel(type: ColumnType, validation: ColumnValidation): string | undefined {
  const histogram = validation.profile.histogram;
  if (!histogram || (type !== 'date' && type !== 'datetime')) return undefined;
  const day = (seconds: number) => formatDate(new Date(seconds * 1000).toISOString().slice(0, 10));
  return `Dates from ${day(histogram.min)} to ${day(histogram.max)}`;
}
