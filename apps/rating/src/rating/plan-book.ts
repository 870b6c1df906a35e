import { EntityManager } from '@mikro-orm/core';
import { AssignmentRow } from '../persistence/assignment.entity';
import { PlanRepository } from '../persistence/plan.repository';
import { PlanVersionRow } from '../persistence/plan-version.entity';
import { PlanRow } from '../persistence/plan.entity';

/** What a rating pass reads plans from: the stored ones (PlanBook), or with a candidate (PreviewBook). */
export interface PlanSource {
  /** A buyer's assignments, oldest first. */
  assignmentsOf(buyer: string): Promise<AssignmentRow[]>;
  plan(id: string): Promise<PlanRow>;
  /** A plan's versions, oldest first. */
  versionsOf(planId: string): Promise<PlanVersionRow[]>;
}

/**
 * The plans, versions and assignments a rating pass reads, loaded once: either
 * everything up front (a whole-tree pass: three queries) or buyer by buyer.
 */
export class PlanBook implements PlanSource {
  private readonly assignments = new Map<string, AssignmentRow[]>();
  private readonly plans = new Map<string, PlanRow>();
  private readonly versions = new Map<string, PlanVersionRow[]>();

  private constructor(
    private readonly repo: PlanRepository,
    private readonly em: EntityManager,
    private complete: boolean,
  ) {}

  static lazy(repo: PlanRepository): PlanBook {
    return new PlanBook(repo, repo.em(), false);
  }

  static async everything(repo: PlanRepository): Promise<PlanBook> {
    const book = new PlanBook(repo, repo.em(), true);
    const [assignments, plans, versions] = await Promise.all([
      repo.allAssignments(book.em),
      repo.allPlans(book.em),
      repo.allVersions(book.em),
    ]);
    for (const a of assignments)
      book.assignments.set(a.buyerTenantId, [...(book.assignments.get(a.buyerTenantId) ?? []), a]);
    for (const p of plans) book.plans.set(p.id, p);
    for (const v of versions)
      book.versions.set(v.planId, [...(book.versions.get(v.planId) ?? []), v]);
    return book;
  }

  /** A buyer's assignments, oldest first. */
  async assignmentsOf(buyer: string): Promise<AssignmentRow[]> {
    if (!this.assignments.has(buyer) && !this.complete) {
      this.assignments.set(buyer, await this.repo.assignmentsOf(this.em, buyer));
    }
    return this.assignments.get(buyer) ?? [];
  }

  async plan(id: string): Promise<PlanRow> {
    await this.load(id);
    return this.plans.get(id) as PlanRow;
  }

  /** A plan's versions, oldest first. */
  async versionsOf(planId: string): Promise<PlanVersionRow[]> {
    await this.load(planId);
    return this.versions.get(planId) ?? [];
  }

  /** Every version known to this book (all of them after everything()). */
  async allVersions(): Promise<PlanVersionRow[]> {
    return [...this.versions.values()].flat();
  }

  private async load(planId: string): Promise<void> {
    if (this.complete || this.plans.has(planId)) return;
    const [plan] = await this.repo.plansById(this.em, [planId]);
    if (plan) this.plans.set(planId, plan);
    this.versions.set(planId, await this.repo.versions(this.em, [planId]));
  }
}
