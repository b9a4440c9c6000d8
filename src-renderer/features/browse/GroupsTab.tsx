import type { GroupSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { selectGroup, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { formatCount } from '../../components/format';
import { GroupMembers } from './GroupMembers';
import { NoData } from './NoData';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { usePagedQuery } from './use-paged-query';

const COLUMNS: TableColumn<GroupSummary>[] = [
  { header: 'Group', cell: (group) => <span className="browse-value">{group.groupId}</span> },
  { header: 'Members', numeric: true, cell: (group) => formatCount(group.members) },
];

/** Groups with their member counts, a page at a time; selecting one lists its members. */
export function GroupsTab() {
  const groupId = useBrowseStore((state) => state.groupId);
  const groups = usePagedQuery('groups', (offset, limit) => call('browse:groups', { offset, limit }));
  const page = groups.data;
  if (!groups.loading && page?.total === 0) {
    return (
      <NoData title="No groups yet">
        Import a group file (user ID, group ID, cursor) on the Imports page.
      </NoData>
    );
  }
  return (
    <div className="browse-split">
      <section className="browse-list" aria-label="Groups">
        <QueryError message={groups.error} />
        {page && (
          <BrowseTable
            caption="Groups"
            columns={COLUMNS}
            rows={page.items}
            rowKey={(group) => group.groupId}
            rowTestId="group-row"
            onOpen={(group) => selectGroup(group.groupId)}
            selectedKey={groupId}
            busy={groups.loading}
          />
        )}
        <Pager query={groups} noun="groups" />
      </section>
      {groupId === null ? (
        <p className="browse-placeholder">Select a group to see its members.</p>
      ) : (
        <GroupMembers key={groupId} groupId={groupId} />
      )}
    </div>
  );
}
