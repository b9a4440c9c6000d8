import type { GroupMember } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { TypedValue } from './TypedValue';
import { usePagedQuery } from './use-paged-query';

const COLUMNS: TableColumn<GroupMember>[] = [
  { header: 'Member', cell: (member) => <TypedValue type={member.userIdType} value={member.userId} /> },
  { header: 'Cursor', cell: (member) => <Timestamp value={member.cursor} /> },
  { header: 'Updated', cell: (member) => <Timestamp value={member.updatedAt} /> },
  { header: 'Expires', cell: (member) => <Timestamp value={member.expiresAt} /> },
];

/** One group's members, a page at a time. */
export function GroupMembers({ groupId }: { groupId: string }) {
  const members = usePagedQuery(`groupMembers\u0000${groupId}`, (offset, limit) =>
    call('browse:groupMembers', { groupId, offset, limit }),
  );
  return (
    <section className="browse-detail" aria-label={`Members of ${groupId}`}>
      <h2>{groupId}</h2>
      <QueryError message={members.error} />
      {members.data && (
        <BrowseTable
          caption={`Members of ${groupId}`}
          columns={COLUMNS}
          rows={members.data.items}
          rowKey={(member) => `${member.userIdType}\u0000${member.userId}`}
          rowTestId="group-member-row"
          busy={members.loading}
        />
      )}
      <Pager query={members} noun="members" />
    </section>
  );
}
