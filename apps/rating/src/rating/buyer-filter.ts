import { FieldProblems } from '@cascade/platform';

/** The most buyers one RateTree call may name; invoicing asks in slices of this many. */
export const MAX_BUYER_FILTER = 10_000;

const FIELD = 'buyer_tenant_ids';

/**
 * RateTree's buyer_tenant_ids, checked for shape (every problem at once): empty means
 * no filter. Whether each id is a tenant is known only once the period's edges are
 * listed, so the tree pass checks that.
 */
export function buyerFilterFromProto(ids: readonly string[]): readonly string[] | undefined {
  if (ids.length === 0) return undefined;
  const problems = new FieldProblems();
  if (ids.length > MAX_BUYER_FILTER)
    problems.add(FIELD, `at most ${MAX_BUYER_FILTER.toLocaleString('en-US')} ids`);
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const field = `${FIELD}[${i}]`;
    if (!id) problems.add(field, 'must not be empty');
    else if (id.length > 255) problems.add(field, 'must be at most 255 characters');
    else if (first.has(id)) problems.add(field, `repeats ${FIELD}[${first.get(id)}]`);
    else first.set(id, i);
  });
  problems.throwIfAny();
  return ids;
}
