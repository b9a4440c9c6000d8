import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
}

/** A page's friendly first screen: what it is for and how to begin. */
export function EmptyState({ title, children, icon }: Props) {
  return (
    <section className="empty-state" data-testid="empty-state">
      {icon && <div className="empty-state__icon">{icon}</div>}
      <h2>{title}</h2>
      {children}
    </section>
  );
}
