import { Injectable } from '@nestjs/common';
import { TenantRepository } from '../persistence/tenant.repository';
import { ParentPeriodRow } from '../persistence/parent-period.entity';
import { pathOf } from '../tenants/tenant-path';

interface Snapshot {
  revision: number;
  byExternalRef: Map<string, string>;
  /** Closed tenants and when they closed. */
  closedAt: Map<string, Date>;
  periods: Map<string, ParentPeriodRow[]>;
  /** Paths of tenants none of whose ancestors ever moved: the same at any time. */
  fixedPaths: Map<string, string>;
}

/**
 * The tenant tree in memory for ingest: resolves external refs and the
 * ancestor path as of an event's time. Reloaded whenever the tree's revision
 * moves, so every replica sees every move before attributing with it.
 */
@Injectable()
export class TenantDirectory {
  private snapshot?: Snapshot;
  private loading?: Promise<Snapshot>;

  constructor(private readonly tenants: TenantRepository) {}

  async current(): Promise<TenantView> {
    const revision = await this.tenants.revision(this.tenants.em());
    if (!this.snapshot || this.snapshot.revision !== revision) this.snapshot = await this.load();
    return new TenantView(this.snapshot);
  }

  private load(): Promise<Snapshot> {
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<Snapshot> {
    const em = this.tenants.em();
    const revision = await this.tenants.revision(em);
    const rows = (await em
      .getConnection()
      .execute('select id, external_ref, closed_at from tenant')) as {
      id: string;
      external_ref: string;
      closed_at: string | number | null;
    }[];
    const periods = new Map<string, ParentPeriodRow[]>();
    for (const period of await this.tenants.allHistories(em)) {
      const list = periods.get(period.tenantId) ?? [];
      list.push(period);
      periods.set(period.tenantId, list);
    }
    return {
      revision,
      byExternalRef: new Map(rows.map((r) => [r.external_ref, r.id])),
      closedAt: new Map(
        rows.filter((r) => r.closed_at !== null).map((r) => [r.id, new Date(Number(r.closed_at))]),
      ),
      periods,
      fixedPaths: new Map(),
    };
  }
}

export class TenantView {
  constructor(private readonly snapshot: Snapshot) {}

  resolve(tenantId: string, externalRef: string): string | undefined {
    if (tenantId) return this.snapshot.periods.has(tenantId) ? tenantId : undefined;
    return this.snapshot.byExternalRef.get(externalRef);
  }

  closedAt(tenantId: string): Date | undefined {
    return this.snapshot.closedAt.get(tenantId);
  }

  /** Ancestors as of `at`; before a tenant's first period its first parent applies. */
  pathAt(tenantId: string, at: Date): string {
    const fixed = this.snapshot.fixedPaths.get(tenantId);
    if (fixed !== undefined) return fixed;
    const ids: string[] = [];
    let moved = false;
    let current: string | null = tenantId;
    while (current !== null && ids.length < 10_000) {
      ids.unshift(current);
      moved ||= (this.snapshot.periods.get(current)?.length ?? 0) > 1;
      current = this.parentAt(current, at);
    }
    const path = pathOf(ids);
    if (!moved) this.snapshot.fixedPaths.set(tenantId, path);
    return path;
  }

  private parentAt(tenantId: string, at: Date): string | null {
    const periods = this.snapshot.periods.get(tenantId) ?? [];
    const t = at.getTime();
    const hit = periods.find(
      (p) => p.validFrom.getTime() <= t && (p.validTo === null || t < p.validTo.getTime()),
    );
    return (hit ?? periods[0])?.parentId ?? null;
  }
}
