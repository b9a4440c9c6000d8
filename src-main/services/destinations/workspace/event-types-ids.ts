import type { Database, Statement } from 'better-sqlite3';

/**
 * The id of an attribute-types text in event_attribute_types, added on first use. Events of an
 * import share one text, so each is looked up once per run, then served from memory.
 */
export class EventTypesIds {
  private readonly known = new Map<string, number>();
  private readonly find: Statement<[string], number>;
  private readonly add: Statement<[string]>;

  constructor(db: Database) {
    this.find = db.prepare<[string], number>('SELECT id FROM event_attribute_types WHERE types = ?').pluck();
    this.add = db.prepare('INSERT INTO event_attribute_types (types) VALUES (?)');
  }

  /** The text's id, or undefined when no event stores it yet (nothing is added). */
  existingIdOf(types: string): number | undefined {
    let id = this.known.get(types);
    if (id === undefined) {
      id = this.find.get(types);
      if (id !== undefined) this.known.set(types, id);
    }
    return id;
  }

  idOf(types: string): number {
    let id = this.known.get(types);
    if (id === undefined) {
      id = this.find.get(types) ?? Number(this.add.run(types).lastInsertRowid);
      this.known.set(types, id);
    }
    return id;
  }
}
