/**
 * Platform project ids → tenants' external_ref. The default is the identity:
 * Cascade's tenants carry the platform's project id as external_ref (DESIGN.md).
 * A map renames, a prefix tells two clouds' projects apart.
 */
export interface TenantMapping {
  /** The external_ref for a project, or undefined to park its events. */
  externalRef(projectId: string): string | undefined;
}

export interface TenantMappingConfig {
  /** Explicit project id → external_ref entries; they win over everything else. */
  map?: Readonly<Record<string, string>>;
  /** Prepended to unmapped project ids ("cloud-a:"). */
  prefix?: string;
  /** What an unmapped project becomes: its own id (the default) or parked. */
  unmapped?: 'identity' | 'park';
}

export function tenantMapping(config: TenantMappingConfig = {}): TenantMapping {
  const map = new Map(Object.entries(config.map ?? {}));
  const prefix = config.prefix ?? '';
  return {
    externalRef: (projectId) =>
      map.get(projectId) ?? (config.unmapped === 'park' ? undefined : `${prefix}${projectId}`),
  };
}
