import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { ParentPeriodEntity, ParentPeriodRow } from './parent-period.entity';
import { TenantEntity, TenantRow } from './tenant.entity';
import { likePrefix } from '../tenants/tenant-path';

export interface TenantPage {
  tenants: TenantRow[];
  nextPageToken: string;
}

/** Tenants, their parent history and the tree's revision counter. */
@Injectable()
export class TenantRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  em(): EntityManager {
    return this.orm.em.fork();
  }

  findById(em: EntityManager, id: string): Promise<TenantRow | null> {
    return em.findOne(TenantEntity, { id });
  }

  findByExternalRef(em: EntityManager, externalRef: string): Promise<TenantRow | null> {
    return em.findOne(TenantEntity, { externalRef });
  }

  async list(
    em: EntityManager,
    scope: { parentId?: string; pathPrefix?: string },
    pageSize: number,
    after: string,
  ): Promise<TenantPage> {
    const where: Record<string, unknown> = after ? { id: { $gt: after } } : {};
    if (scope.pathPrefix !== undefined) where.path = { $like: likePrefix(scope.pathPrefix) };
    else where.parentId = scope.parentId ?? null;
    const rows = await em.find(TenantEntity, where, {
      orderBy: { id: 'asc' },
      limit: pageSize + 1,
    });
    const tenants = rows.slice(0, pageSize);
    return { tenants, nextPageToken: rows.length > pageSize ? tenants[tenants.length - 1].id : '' };
  }

  history(em: EntityManager, tenantId: string): Promise<ParentPeriodRow[]> {
    return em.find(ParentPeriodEntity, { tenantId }, { orderBy: { validFrom: 'asc' } });
  }

  allHistories(em: EntityManager): Promise<ParentPeriodRow[]> {
    return em.find(ParentPeriodEntity, {}, { orderBy: { tenantId: 'asc', validFrom: 'asc' } });
  }

  /** Parent periods of non-root tenants overlapping [from, to), in a stable order for paging. */
  async edges(
    em: EntityManager,
    from: Date,
    to: Date,
    limit: number,
    offset: number,
  ): Promise<ParentPeriodRow[]> {
    return em.find(
      ParentPeriodEntity,
      {
        parentId: { $ne: null },
        validFrom: { $lt: to },
        $or: [{ validTo: null }, { validTo: { $gt: from } }],
      },
      { orderBy: { tenantId: 'asc', validFrom: 'asc' }, limit, offset },
    );
  }

  async insert(em: EntityManager, tenant: TenantRow): Promise<void> {
    em.create(TenantEntity, tenant);
    // Plain schemas carry no relations, so the unit of work cannot order these inserts itself.
    await em.flush();
    em.create(ParentPeriodEntity, {
      id: randomUUID(),
      tenantId: tenant.id,
      parentId: tenant.parentId,
      validFrom: new Date(0),
      validTo: null,
    });
    await em.flush();
    await this.bumpRevision(em);
  }

  async revision(em: EntityManager): Promise<number> {
    const rows = await em
      .getConnection()
      .execute<{ revision: string | number }[]>('select revision from tree_revision where id = 1');
    return Number(rows[0].revision);
  }

  /** Every change to the tree bumps this, so replicas know to reload their directory. */
  async bumpRevision(em: EntityManager): Promise<void> {
    await em
      .getConnection()
      .execute(
        'update tree_revision set revision = revision + 1 where id = 1',
        [],
        'run',
        em.getTransactionContext(),
      );
  }

  /** Rewrites the current path of a tenant's whole subtree after a move. */
  async repathSubtree(em: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await em
      .getConnection()
      .execute(
        "update tenant set path = ? || substr(path, ?) where path like ? escape '\\'",
        [newPath, oldPath.length + 1, likePrefix(oldPath)],
        'run',
        em.getTransactionContext(),
      );
  }

  /**
   * A page of the tenants that were direct children of `parentId` at some time
   * in [from, to) (a child moved away is still one for the time it was here),
   * ordered by name then id.
   */
  async childrenDuring(
    em: EntityManager,
    parentId: string,
    window: { from: Date; to: Date },
    limit: number,
    offset: number,
  ): Promise<TenantRow[]> {
    const periods = await em.find(ParentPeriodEntity, {
      parentId,
      validFrom: { $lt: window.to },
      $or: [{ validTo: null }, { validTo: { $gt: window.from } }],
    });
    const ids = [...new Set(periods.map((p) => p.tenantId))];
    if (ids.length === 0) return [];
    return em.find(
      TenantEntity,
      { id: { $in: ids } },
      { orderBy: { name: 'asc', id: 'asc' }, limit, offset },
    );
  }

  /** How many direct children each of these tenants has now. */
  async childCounts(em: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = (await em
      .getConnection()
      .execute(
        `select parent_id, count(*) as n from tenant where parent_id in (${ids.map(() => '?').join(', ')}) group by parent_id`,
        [...ids],
      )) as { parent_id: string; n: string | number }[];
    return new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
  }
}
