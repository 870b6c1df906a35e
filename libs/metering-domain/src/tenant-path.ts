/**
 * A tenant's ancestor path: ids from its root down to the tenant itself,
 * inclusive. Stored with each usage fact, it attributes usage as of event time.
 */
export type TenantPath = readonly string[];

/** True when the path's tenant is tenantId or one of its descendants. */
export function isInSubtree(path: TenantPath, tenantId: string): boolean {
  return path.includes(tenantId);
}

/**
 * Which child of ancestorId the usage rolls up through: the id directly below
 * it in the path, or ancestorId itself for its own usage; undefined when the
 * path is outside ancestorId's subtree.
 */
export function childOf(path: TenantPath, ancestorId: string): string | undefined {
  const at = path.indexOf(ancestorId);
  if (at < 0) return undefined;
  return path[Math.min(at + 1, path.length - 1)];
}

/** True when the usage is billed on the edge parentId → tenantId. */
export function isAttributedVia(path: TenantPath, parentId: string, tenantId: string): boolean {
  const at = path.indexOf(tenantId);
  return at > 0 && path[at - 1] === parentId;
}

/**
 * Why the tenant at the end of tenantPath cannot move under the tenant at the
 * end of newParentPath, or null when it can. Moving under itself or a
 * descendant would cut the subtree off the tree as a cycle.
 */
export function validateMove(tenantPath: TenantPath, newParentPath: TenantPath): string | null {
  const tenantId = tenantPath.at(-1);
  const newParentId = newParentPath.at(-1);
  if (tenantId === undefined) return 'tenant path is empty';
  if (newParentId === undefined) return 'new parent path is empty';
  if (newParentId === tenantId) return `tenant ${tenantId} cannot be its own parent`;
  if (newParentPath.includes(tenantId))
    return `new parent ${newParentId} is inside the subtree of tenant ${tenantId}`;
  return null;
}
