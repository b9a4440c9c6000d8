import type { Database } from 'better-sqlite3';
import type { MappedValue } from '../../../../src-shared/mapping/map-row';
import type { ImportType } from '../../../../src-shared/model/import-type';
import { recordAttributes } from '../../attributes/attribute-repository';

/**
 * Records the attributes an import wrote (per import type and scope), in the run's transaction, so
 * the mapping step offers them next time. Each name is written once per applier, not once per row.
 */
export class AttributeRecorder {
  private readonly seen = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly importType: ImportType,
    private readonly scope: string,
  ) {}

  /** Records the attributes not seen before. */
  record(attributes: readonly MappedValue[]): void {
    const fresh = attributes.filter((attribute) => !this.seen.has(attribute.name));
    if (!fresh.length) return;
    for (const attribute of fresh) this.seen.add(attribute.name);
    recordAttributes(
      this.db,
      this.importType,
      this.scope,
      fresh.map(({ name, type }) => ({ name, type })),
    );
  }
}
