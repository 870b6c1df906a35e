import { parentAt, type ParentHistory } from './parent-history';
import type { TenantPath } from './tenant-path';

/**
 * The tenant's ancestor path as it stood at the instant, walking each
 * ancestor's own parent history: late events are attributed to the chain of
 * sellers of their event time, not of their arrival. Undefined when some tenant
 * on the way has no period covering the instant.
 */
export function pathAt(
  tenantId: string,
  instant: Date,
  historyOf: (tenantId: string) => ParentHistory | undefined,
): TenantPath | undefined {
  const path = [tenantId];
  for (let id = tenantId; ;) {
    const parentId = parentAt(historyOf(id) ?? [], instant);
    if (parentId === undefined) return undefined;
    if (parentId === null) return path;
    if (path.includes(parentId))
      throw new RangeError(`parent histories form a cycle through tenant ${parentId}`);
    path.unshift(parentId);
    id = parentId;
  }
}
