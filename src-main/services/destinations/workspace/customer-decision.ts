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
  const hard = ids.flatMap((id, index) => (facts.hardTypes.has(id.idType) ? [index] : []));
  const known = hard.find((index) => owners[index] !== undefined);
  if (known !== undefined) return byHardId(ids, owners, hard, known, facts);
  return { ok: true, customerId: bySoftId(ids, owners, hard, facts) };
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
  hard: readonly number[],
  known: number,
  facts: CustomerFacts,
): CustomerDecision {
  const customerId = owners[known]!;
  for (const index of hard) {
    const id = ids[index]!;
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
  hard: readonly number[],
  facts: CustomerFacts,
): number | undefined {
  for (let index = 0; index < ids.length; index++) {
    const owner = owners[index];
    if (owner === undefined || hard.includes(index)) continue;
    const clashes = hard.some((h) => facts.holdsOther(owner, ids[h]!.idType, ids[h]!.value) !== undefined);
    if (!clashes) return owner;
  }
  return undefined;
}
