import { IntakeError } from '../../../../src-shared/errors';

/** The import's target name (catalog, pool, event type); the mapping step refuses blanks and spaces. */
export function requiredName(value: string, what: string): string {
  if (!value || /\s/.test(value)) {
    throw new IntakeError('VALIDATION', `The ${what} "${value}" is empty or contains a space.`);
  }
  return value;
}
