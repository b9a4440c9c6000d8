import { COLUMN_TYPE_LABELS } from '../../../src-shared/model/column-type';
import { ROLE_LABELS } from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { ColumnValidation } from '../../../src-shared/model/validation';
import type { ColumnEditors } from './ColumnHeaderControls';
import { onHeaderKeyDown } from './use-column-keyboard';
import { formatCount } from '../../components/format';

interface Props {
  index: number;
  mapping: ImportMapping;
  validation: ColumnValidation | undefined;
  edit: ColumnEditors;
}

/**
 * A column's header collapsed to one line: imported or not, where it goes, its role or type and its
 * problems; the full controls come back with "Compact column headers" unticked.
 */
export function CompactColumnHeader({ index, mapping, validation, edit }: Props) {
  const column = mapping.columns[index]!;
  const problems = validation ? validation.invalid + validation.tooLong : 0;
  const kind = column.role
    ? `${ROLE_LABELS[column.role]}${column.idType ? ` (${column.idType})` : ''}`
    : COLUMN_TYPE_LABELS[column.type];
  // A role column that is not an attribute still keys or pairs the rows: its role says enough.
  const where = column.include ? `→ ${column.target}` : column.role ? null : 'not imported';
  return (
    <div
      className="column-controls column-controls--compact"
      data-column-index={index}
      onKeyDown={onHeaderKeyDown}
    >
      <div className="column-controls__line" title={where ? `${where} · ${kind}` : kind}>
        <input
          type="checkbox"
          checked={column.include}
          aria-label={`Import column ${column.source}`}
          data-control="include"
          onChange={(event) => edit.include(event.target.checked)}
        />
        {where && <span className="column-controls__summary">{where}</span>}
        <span
          className={`column-controls__kind${column.role ? ' role--tagged' : ''}${where ? '' : ' column-controls__kind--alone'}`}
        >
          {kind}
        </span>
        {problems > 0 && (
          <span className="column-controls__problems" data-testid="column-problems">
            {formatCount(problems)} invalid
          </span>
        )}
      </div>
    </div>
  );
}
