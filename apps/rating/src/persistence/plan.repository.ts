import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { AssignmentEntity, AssignmentRow } from './assignment.entity';
import { PlanVersionEntity, PlanVersionRow } from './plan-version.entity';
import { PlanEntity, PlanRow } from './plan.entity';

/** Plans, their immutable versions and assignments to buyers. */
@Injectable()
export class PlanRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  em(): EntityManager {
    return this.orm.em.fork();
  }

  plan(em: EntityManager, id: string): Promise<PlanRow | null> {
    return em.findOne(PlanEntity, { id });
  }

  plansById(em: EntityManager, ids: readonly string[]): Promise<PlanRow[]> {
    return em.find(PlanEntity, { id: { $in: [...ids] } });
  }

  planByCode(em: EntityManager, sellerTenantId: string, code: string): Promise<PlanRow | null> {
    return em.findOne(PlanEntity, { sellerTenantId, code });
  }

  /** Every seller's plan with this code (codes are unique per seller only). */
  plansByCode(em: EntityManager, code: string): Promise<PlanRow[]> {
    return em.find(PlanEntity, { code }, { orderBy: { sellerTenantId: 'asc' } });
  }

  plansOf(em: EntityManager, sellerTenantId: string): Promise<PlanRow[]> {
    return em.find(PlanEntity, { sellerTenantId }, { orderBy: { code: 'asc' } });
  }

  versions(em: EntityManager, planIds: readonly string[]): Promise<PlanVersionRow[]> {
    return em.find(
      PlanVersionEntity,
      { planId: { $in: [...planIds] } },
      { orderBy: { planId: 'asc', version: 'asc' } },
    );
  }

  async version(
    em: EntityManager,
    planId: string,
    version: number,
  ): Promise<PlanVersionRow | null> {
    if (version > 0) return em.findOne(PlanVersionEntity, { planId, version });
    return em.findOne(PlanVersionEntity, { planId }, { orderBy: { version: 'desc' } });
  }

  assignmentsOf(
    em: EntityManager,
    buyerTenantId: string,
    sellerTenantId?: string,
  ): Promise<AssignmentRow[]> {
    const where = sellerTenantId ? { buyerTenantId, sellerTenantId } : { buyerTenantId };
    return em.find(AssignmentEntity, where, {
      orderBy: { effectiveFrom: 'asc', createdAt: 'asc' },
    });
  }

  allAssignments(em: EntityManager): Promise<AssignmentRow[]> {
    return em.find(
      AssignmentEntity,
      {},
      { orderBy: { buyerTenantId: 'asc', effectiveFrom: 'asc', createdAt: 'asc' } },
    );
  }

  allPlans(em: EntityManager): Promise<PlanRow[]> {
    return em.find(PlanEntity, {});
  }

  allVersions(em: EntityManager): Promise<PlanVersionRow[]> {
    return em.find(PlanVersionEntity, {}, { orderBy: { planId: 'asc', version: 'asc' } });
  }

  async insertPlan(em: EntityManager, plan: PlanRow, first: PlanVersionRow): Promise<void> {
    em.create(PlanEntity, plan);
    // Plain schemas carry no relations, so the unit of work cannot order these inserts itself.
    await em.flush();
    em.create(PlanVersionEntity, first);
    await em.flush();
  }

  async insertVersion(em: EntityManager, version: PlanVersionRow): Promise<void> {
    em.create(PlanVersionEntity, version);
    await em.flush();
  }

  async insertAssignment(em: EntityManager, assignment: AssignmentRow): Promise<void> {
    em.create(AssignmentEntity, assignment);
    await em.flush();
  }
}
