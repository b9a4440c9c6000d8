import type { ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { showPage } from '../../stores/navigation.store';

/** A browser tab with nothing imported yet: what to import, and a way to the Imports page. */
export function NoData({ title, children }: { title: string; children: ReactNode }) {
  return (
    <EmptyState title={title} icon={<Icon name="data" size={40} />}>
      <p className="muted">{children}</p>
      <button type="button" onClick={() => showPage('imports')}>
        Go to Imports
      </button>
    </EmptyState>
  );
}
