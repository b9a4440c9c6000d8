import { COLUMN_TYPE_LABELS, COLUMN_TYPES, type ColumnType } from '../../../src-shared/model/column-type';
import type { ProfileAttribute } from '../../../src-shared/model/browse';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { Timestamp } from './Timestamp';
import { ValueText } from './ValueText';

const isColumnType = (type: string): type is ColumnType => (COLUMN_TYPES as readonly string[]).includes(type);

const COLUMNS: TableColumn<ProfileAttribute>[] = [
  { header: 'Name', name: true, cell: (attribute) => attribute.name },
  {
    header: 'Type',
    // "Number" and "Datetime" never split; the value column gives way instead.
    name: true,
    cell: (attribute) => (isColumnType(attribute.type) ? COLUMN_TYPE_LABELS[attribute.type] : attribute.type),
  },
  { header: 'Value', cell: (attribute) => <ValueText value={attribute.value} type={attribute.type} /> },
  { header: 'Updated', cell: (attribute) => <Timestamp value={attribute.updatedAt} /> },
];

/** A profile's attributes by name; a blank (null) value shows as "blank", as an import left it. */
export function ProfileAttributes({ attributes }: { attributes: ProfileAttribute[] }) {
  return (
    <section aria-label="Attributes">
      <h3>Attributes</h3>
      {attributes.length ? (
        <BrowseTable
          caption="Customer attributes"
          columns={COLUMNS}
          rows={attributes}
          rowKey={(attribute) => attribute.name}
          rowTestId="profile-attribute"
        />
      ) : (
        <p className="browse-placeholder">No attributes: this customer was only seen in events or by ID.</p>
      )}
    </section>
  );
}
