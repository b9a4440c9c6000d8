import type { MappedId } from '../../../../src-shared/mapping/map-row';
import { describeId } from './row-reject';

/** Which customer a row's IDs choose (undefined: a new one), or why they cannot choose one. */
export type CustomerDecision =
  { ok: true; customerId: number | undefined } | { ok: false; id: MappedId; reason: string };

/** What deciding needs to know about the customers the IDs already belong to. */
export interface CustomerFacts {
  /** The ID types whose values identify for sure. */
  hardTypes: ReadonlySet<string>;
  /** A value of the (hard) ID type the customer holds other than `value`, or undefined. */
  holdsOther(customerId: number, idType: string, value: string): string | undefined;
}

/**
 * The customer a row's IDs belong to, by the rules the import applies (CustomerResolver links the
 * IDs afterwards; the identity preview counts what it would do, so both read this one function):
 *
 * - A known hard ID decides. A customer holds one value per hard ID type, so a row whose hard IDs
 *   belong to different customers, or would give its customer a second value of a hard type, is
 *   rejected rather than guessed at.
 * - Otherwise the first known soft ID (in column order) decides, unless its customer already has
 *   another value of one of the row's hard ID types (then the row's hard ID wins: a new customer).
 * - Nothing known: a new customer.
 *
 * `owners[i]` is the customer holding `ids[i]` now, or undefined.
 */
export function decideCustomer(
  ids: readonly MappedId[],
  owners: readonly (number | undefined)[],
  facts: CustomerFacts,
): CustomerDecision {
  // Loops over the row's few IDs rather than lists of its hard ones: this runs for every row of a
  // run, and those lists were a tenth of the writing thread's allocations (issue 18).
  for (let known = 0; known < ids.length; known++) {
    if (owners[known] !== undefined && facts.hardTypes.has(ids[known]!.idType)) {
      return byHardId(ids, owners, known, facts);
    }
  }
  return { ok: true, customerId: bySoftId(ids, owners, facts) };
}

/** Whether ids[index] repeats an ID earlier in the row (two columns of one type): linked once. */
export function repeatsEarlierId(ids: readonly MappedId[], index: number): boolean {
  const { idType, value } = ids[index]!;
  for (let i = 0; i < index; i++) if (ids[i]!.idType === idType && ids[i]!.value === value) return true;
  return false;
}

/** The customer of the row's known hard ID `known`, or the conflict its other hard IDs make. */
function byHardId(
  ids: readonly MappedId[],
  owners: readonly (number | undefined)[],
  known: number,
  facts: CustomerFacts,
): CustomerDecision {
  const customerId = owners[known]!;
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index]!;
    if (!facts.hardTypes.has(id.idType)) continue;
    const owner = owners[index];
    if (owner !== undefined && owner !== customerId) {
      return {
        ok: false,
        id,
        reason: `Customer IDs conflict: ${describeId(ids[known]!)} and ${describeId(id)} belong to different customers`,
      };
    }
    const other = owner === undefined ? facts.holdsOther(customerId, id.idType, id.value) : undefined;
    if (other !== undefined) {
      return {
        ok: false,
        id,
        reason: `Customer IDs conflict: the customer with ${describeId(ids[known]!)} already has ${describeId({ idType: id.idType, value: other })}`,
      };
    }
  }
  return { ok: true, customerId };
}

/** The customer of the first known soft ID that agrees with the row's hard IDs. */
function bySoftId(
  ids: readonly MappedId[],
  owners: readonly (number | undefined)[],
  facts: CustomerFacts,
): number | undefined {
  for (let index = 0; index < ids.length; index++) {
    const owner = owners[index];
    if (owner === undefined || facts.hardTypes.has(ids[index]!.idType)) continue;
    if (!holdsOtherHardValue(ids, owner, facts)) return owner;
  }
  return undefined;
}

/** Whether the customer holds another value of one of the row's hard ID types. */
function holdsOtherHardValue(ids: readonly MappedId[], customerId: number, facts: CustomerFacts): boolean {
  for (const { idType, value } of ids) {
    if (facts.hardTypes.has(idType) && facts.holdsOther(customerId, idType, value) !== undefined) return true;
  }
  return false;
}
