import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection, Knex } from '@mikro-orm/knex';
import { ParentPeriodEntity, ParentPeriodRow } from './parent-period.entity';
import { TenantEntity, TenantRow } from './tenant.entity';
import { likePrefix } from '../tenants/tenant-path';

/** Rows per statement: 10 columns × 1,000 stays far below SQLite's 32,766 parameters. */
const CHUNK = 1000;
/** knex writes a SQLite multi-row insert as a compound select, at most 500 terms. */
const INSERT_CHUNK = 400;

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

  /** Tenants by external ref, in chunks that stay below SQLite's bound-parameter limit. */
  async findByExternalRefs(em: EntityManager, refs: readonly string[]): Promise<TenantRow[]> {
    return this.inChunks(refs, (chunk) => em.find(TenantEntity, { externalRef: { $in: chunk } }));
  }

  async findByIds(em: EntityManager, ids: readonly string[]): Promise<TenantRow[]> {
    return this.inChunks(ids, (chunk) => em.find(TenantEntity, { id: { $in: chunk } }));
  }

  private async inChunks<T>(
    keys: readonly string[],
    read: (chunk: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    const unique = [...new Set(keys)];
    const found: T[] = [];
    for (let i = 0; i < unique.length; i += CHUNK)
      found.push(...(await read(unique.slice(i, i + CHUNK))));
    return found;
  }

  async list(
    em: EntityManager,
    scope: { parentId?: string; pathPrefix?: string; exceptId?: string },
    pageSize: number,
    after: string,
  ): Promise<TenantPage> {
    // The page is cut in the query itself, so every page but the last is full.
    const ids: Record<string, string> = {};
    if (after) ids.$gt = after;
    if (scope.exceptId) ids.$ne = scope.exceptId;
    const where: Record<string, unknown> = Object.keys(ids).length > 0 ? { id: ids } : {};
    if (scope.pathPrefix !== undefined) where.path = { $like: likePrefix(scope.pathPrefix) };
    else where.parentId = scope.parentId ?? null;
    const rows = await em.find(TenantEntity, where, {
      orderBy: { id: 'asc' },
      limit: pageSize + 1,
    });
    const tenants = rows.slice(0, pageSize);
    return { tenants, nextPageToken: rows.length > pageSize ? tenants[tenants.length - 1].id : '' };
  }

  /** Up to `limit` children of a tenant that are not closed. */
  openChildren(em: EntityManager, parentId: string, limit: number): Promise<TenantRow[]> {
    return em.find(
      TenantEntity,
      { parentId, status: { $ne: 'CLOSED' } },
      { orderBy: { externalRef: 'asc' }, limit },
    );
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

  /**
   * Many new tenants in multi-row inserts, parents before children, each with
   * its first parent period; the tree's revision moves once for the lot.
   */
  async insertMany(em: EntityManager, tenants: readonly TenantRow[]): Promise<void> {
    // Plain rows through the query builder: the ORM's per-entity work costs more than the database's here.
    const knex = (em.getConnection() as AbstractSqlConnection).getKnex();
    const trx = em.getTransactionContext<Knex.Transaction>();
    for (let i = 0; i < tenants.length; i += INSERT_CHUNK) {
      const chunk = tenants.slice(i, i + INSERT_CHUNK);
      await knex('tenant')
        .transacting(trx as Knex.Transaction)
        .insert(
          chunk.map((t) => ({
            id: t.id,
            parent_id: t.parentId,
            external_ref: t.externalRef,
            name: t.name,
            kind: t.kind,
            currency: t.currency,
            status: t.status,
            path: t.path,
            created_at: t.createdAt.getTime(),
            closed_at: null,
          })),
        );
      await knex('parent_period')
        .transacting(trx as Knex.Transaction)
        .insert(
          chunk.map((t) => ({
            id: randomUUID(),
            tenant_id: t.id,
            parent_id: t.parentId,
            valid_from: 0,
            valid_to: null,
          })),
        );
    }
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
