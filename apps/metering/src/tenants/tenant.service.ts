import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  alreadyExists,
  failedPrecondition,
  invalidArgument,
  notFound,
  noteAuditTenant,
} from '@cascade/platform';
import { TenantRow } from '../persistence/tenant.entity';
import { TenantPage, TenantRepository } from '../persistence/tenant.repository';
import { ParentPeriodEntity, ParentPeriodRow } from '../persistence/parent-period.entity';
import { CreateTenantInput, TenantStatus } from './tenant-input';
import { UsageRepository } from '../persistence/usage.repository';
import { MeterRepository } from '../persistence/meter.repository';
import { carryGauges } from './carry-gauges';
import { closedProblem, currencyProblem } from './tenant-rules';
import { idsOf, pathOf } from './tenant-path';
import {
  Aggregation,
  ParentPeriod,
  repathSegments,
  RepathSegment,
  ROLLED_UP,
} from '@cascade/metering-domain';

export interface BillingEdge {
  sellerTenantId: string;
  buyerTenantId: string;
  from: Date;
  to: Date;
}

@Injectable()
export class TenantService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly usage: UsageRepository,
    private readonly meters: MeterRepository,
  ) {}

  async create(input: CreateTenantInput): Promise<TenantRow> {
    return this.tenants.em().transactional(async (em) => {
      const parent = input.parentId ? await this.tenants.findById(em, input.parentId) : null;
      if (input.parentId && !parent) throw notFound('parent tenant', input.parentId);
      if (parent) requirePlaceUnder(parent, input.currency, 'parent_id');
      if (await this.tenants.findByExternalRef(em, input.externalRef)) {
        throw alreadyExists(
          `external_ref: ${JSON.stringify(input.externalRef)} is already used by another tenant`,
        );
      }
      const id = randomUUID();
      const tenant: TenantRow = {
        id,
        parentId: parent?.id ?? null,
        externalRef: input.externalRef,
        name: input.name,
        kind: input.kind,
        currency: input.currency,
        status: 'ACTIVE',
        path: `${parent?.path ?? '/'}${id}/`,
        createdAt: new Date(),
        closedAt: null,
      };
      await this.tenants.insert(em, tenant);
      // The audit log files a new tenant under its seller; a new root under itself.
      await noteAuditTenant(parent?.id ?? id, parent?.path ?? tenant.path);
      return tenant;
    });
  }

  async get(by: { id: string; externalRef: string }): Promise<TenantRow> {
    if (!by.id === !by.externalRef)
      throw invalidArgument('id', 'exactly one of id and external_ref is required');
    const em = this.tenants.em();
    const tenant = by.id
      ? await this.tenants.findById(em, by.id)
      : await this.tenants.findByExternalRef(em, by.externalRef);
    if (!tenant) throw notFound('tenant', by.id || by.externalRef);
    return tenant;
  }

  /** A page of `size` after `pageToken` (both checked by the caller). */
  async list(
    parentId: string,
    recursive: boolean,
    size: number,
    pageToken: string,
    scope = '/',
  ): Promise<TenantPage> {
    const em = this.tenants.em();
    if (!parentId && scope !== '/') return this.ownTop(scope, recursive, size, pageToken);
    if (!parentId)
      return this.tenants.list(em, recursive ? { pathPrefix: '/' } : {}, size, pageToken);
    const parent = await this.tenants.findById(em, parentId);
    if (!parent) throw notFound('tenant', parentId);
    return this.tenants.list(
      em,
      recursive ? { pathPrefix: parent.path, exceptId: parentId } : { parentId },
      size,
      pageToken,
    );
  }

  /**
   * What an empty parent_id lists for a caller scoped to a subtree: its own
   * tenant as its only "root", or its whole subtree when recursive.
   */
  private async ownTop(
    scope: string,
    recursive: boolean,
    size: number,
    pageToken: string,
  ): Promise<TenantPage> {
    const em = this.tenants.em();
    if (recursive) return this.tenants.list(em, { pathPrefix: scope }, size, pageToken);
    const own = await this.tenants.findById(em, idsOf(scope).pop() ?? '');
    return { tenants: own && own.id > pageToken ? [own] : [], nextPageToken: '' };
  }

  /**
   * Renames a tenant or changes its status. Closing is final: it stamps
   * closed_at (usage from then on is refused), needs every child closed or
   * moved away first, and a closed tenant is never reopened.
   */
  async update(id: string, name: string, status: TenantStatus | undefined): Promise<TenantRow> {
    return this.tenants.em().transactional(async (em) => {
      const tenant = await this.tenants.findById(em, id);
      if (!tenant) throw notFound('tenant', id);
      if (name) tenant.name = name;
      if (status && status !== tenant.status) {
        if (tenant.closedAt)
          throw failedPrecondition(
            `status: tenant ${JSON.stringify(tenant.externalRef)} was closed at ${tenant.closedAt.toISOString()}; closing is final`,
          );
        if (status === 'CLOSED') {
          const open = await this.tenants.openChildren(em, tenant.id, 5);
          if (open.length > 0)
            throw failedPrecondition(
              `status: tenant ${JSON.stringify(tenant.externalRef)} still has open children (${open.map((c) => JSON.stringify(c.externalRef)).join(', ')}); close or move them first`,
            );
          tenant.closedAt = new Date();
        }
        tenant.status = status;
      }
      await em.flush();
      // Ingest keeps the tree in memory: a close must reach it before the next event.
      if (tenant.closedAt && status === 'CLOSED') await this.tenants.bumpRevision(em);
      return tenant;
    });
  }

  /**
   * Billing edges in force during [from, to), each clipped to the part of the window it
   * covers; a page of `size` from `offset` (both checked by the caller).
   */
  async edges(
    from: Date,
    to: Date,
    size: number,
    offset: number,
  ): Promise<{ edges: BillingEdge[]; nextPageToken: string }> {
    const rows = await this.tenants.edges(this.tenants.em(), from, to, size + 1, offset);
    const edges = rows.slice(0, size).map((p) => ({
      sellerTenantId: p.parentId as string,
      buyerTenantId: p.tenantId,
      from: new Date(Math.max(from.getTime(), p.validFrom.getTime())),
      to: new Date(Math.min(to.getTime(), p.validTo?.getTime() ?? Infinity)),
    }));
    return { edges, nextPageToken: rows.length > size ? String(offset + size) : '' };
  }

  history(id: string): Promise<ParentPeriodRow[]> {
    return this.tenants.history(this.tenants.em(), id);
  }

  /**
   * Re-parents a tenant from effectiveAt on. Usage before stays with the old
   * chain; usage at or after it, already recorded or still to come, follows the new one.
   */
  async move(id: string, newParentId: string, effectiveAt: Date): Promise<TenantRow> {
    return this.tenants.em().transactional(async (em) => {
      const tenant = await this.tenants.findById(em, id);
      if (!tenant) throw notFound('tenant', id);
      const parent = await this.tenants.findById(em, newParentId);
      if (!parent) throw notFound('new parent tenant', newParentId);
      requirePlaceUnder(parent, tenant.currency, 'new_parent_id');
      if (parent.path.startsWith(tenant.path)) {
        throw failedPrecondition(
          `new_parent_id: ${newParentId} is the tenant itself or inside its subtree`,
        );
      }
      if (!tenant.parentId) throw failedPrecondition('id: a root tenant cannot be moved');
      const history = await this.tenants.history(em, id);
      const current = history[history.length - 1];
      if (effectiveAt.getTime() <= current.validFrom.getTime()) {
        throw failedPrecondition(
          `effective_at: must be after the current parent's start ${current.validFrom.toISOString()}`,
        );
      }
      if (current.parentId === newParentId) return tenant;
      const segments = await this.repathPlan(em, id, newParentId, effectiveAt);
      current.validTo = effectiveAt;
      em.create(ParentPeriodEntity, {
        id: randomUUID(),
        tenantId: id,
        parentId: newParentId,
        validFrom: effectiveAt,
        validTo: null,
      });
      const oldPath = tenant.path;
      const newPath = `${parent.path}${id}/`;
      await em.flush();
      await this.tenants.repathSubtree(em, oldPath, newPath);
      const meters = await this.meters.list(em);
      const rolledUp = meters
        .filter((m) => ROLLED_UP.has(m.aggregation as Aggregation))
        .map((m) => m.code);
      for (const segment of segments)
        await this.usage.repathSince(
          em,
          {
            oldPath: pathOf(segment.oldPath),
            newPath: pathOf(segment.newPath),
            effectiveAt: segment.from,
            until: segment.to,
          },
          rolledUp,
        );
      const gaugeMeters = meters
        .filter((m) => m.aggregation === 'TIME_WEIGHTED')
        .map((m) => m.code);
      // The chains as of effectiveAt: what open gauges are closed on and reopened on.
      const at = segments[0];
      const [fromPath, toPath] = at ? [pathOf(at.oldPath), pathOf(at.newPath)] : [oldPath, newPath];
      const gauges = await this.usage.gaugesBefore(em, gaugeMeters, fromPath, effectiveAt);
      const move = { id: randomUUID(), oldPath: fromPath, newPath: toPath, at: effectiveAt };
      await this.usage.insertWithin(em, carryGauges(gauges, move));
      await this.tenants.bumpRevision(em);
      tenant.parentId = newParentId;
      tenant.path = newPath;
      return tenant;
    });
  }

  /**
   * The stretches of time a move re-paths, with the moved tenant's chain
   * before and after the move as of each: an ancestor on either side may
   * have moved later than effectiveAt already, so today's paths are not the
   * paths of every fact since.
   */
  private async repathPlan(
    em: EntityManager,
    id: string,
    newParentId: string,
    effectiveAt: Date,
  ): Promise<RepathSegment[]> {
    const byTenant = new Map<string, ParentPeriod[]>();
    const changes: number[] = [];
    for (const row of await this.tenants.allHistories(em)) {
      byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), ...asHistory([row])]);
      changes.push(row.validFrom.getTime());
    }
    const mine = byTenant.get(id) ?? [];
    const moved: ParentPeriod[] = [
      ...mine.slice(0, -1),
      ...mine.slice(-1).map((p) => ({ ...p, to: effectiveAt })),
      { parentId: newParentId, from: effectiveAt, to: null },
    ];
    return repathSegments(
      id,
      effectiveAt,
      (t) => byTenant.get(t),
      (t) => (t === id ? moved : byTenant.get(t)),
      changes,
    );
  }
}

/** Parent periods as the domain reads them. */
function asHistory(rows: readonly ParentPeriodRow[]): ParentPeriod[] {
  return rows.map((r) => ({ parentId: r.parentId, from: r.validFrom, to: r.validTo }));
}

/** FAILED_PRECONDITION unless a tenant in `currency` may go under `parent` (tenant-rules). */
function requirePlaceUnder(parent: TenantRow, currency: string, parentField: string): void {
  const closed = closedProblem(parent, `tenant ${JSON.stringify(parent.externalRef)}`);
  if (closed) throw failedPrecondition(`${parentField}: ${closed}`);
  const mismatch = currencyProblem(parent, currency);
  if (mismatch) throw failedPrecondition(`currency: ${mismatch}`);
}
