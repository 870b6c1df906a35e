import { Injectable } from '@nestjs/common';
import { invalidArgument, invalidArguments, noteAuditTenant } from '@cascade/platform';
import { TenantRow } from '../persistence/tenant.entity';
import { TenantRepository } from '../persistence/tenant.repository';
import { ImportRow, MAX_IMPORT_ROWS, planImport } from './tenant-import';

export interface ImportResult {
  tenants: TenantRow[];
  created: number;
  unchanged: number;
}

/**
 * ImportTenants: a whole batch checked in memory against the stored tenants
 * it names, then written in one transaction with multi-row inserts, or
 * refused whole with every problem of every row. Who may place tenants where
 * is the access guard's (the parents a batch does not create itself).
 */
@Injectable()
export class TenantImportService {
  constructor(private readonly tenants: TenantRepository) {}

  async import(rows: readonly ImportRow[], validateOnly: boolean): Promise<ImportResult> {
    if (rows.length === 0) throw invalidArgument('tenants', 'at least one row is required');
    if (rows.length > MAX_IMPORT_ROWS)
      throw invalidArgument('tenants', `at most ${MAX_IMPORT_ROWS} rows per request`);
    return this.tenants.em().transactional(async (em) => {
      const named = await this.tenants.findByExternalRefs(
        em,
        rows.flatMap((r) => [r.externalRef, r.parentExternalRef]).filter(Boolean),
      );
      const known = new Map(named.map((t) => [t.id, t]));
      // The parents of matched tenants: a row matches only with the same parent.
      const parentIds = named.map((t) => t.parentId).filter((id): id is string => !!id);
      for (const parent of await this.tenants.findByIds(
        em,
        parentIds.filter((id) => !known.has(id)),
      ))
        known.set(parent.id, parent);
      const plan = planImport(
        rows,
        new Map(named.map((t) => [t.externalRef, t])),
        known,
        new Date(),
      );
      if (plan.problems.length > 0) throw invalidArguments(plan.problems);
      if (!validateOnly && plan.created.length > 0) {
        await this.tenants.insertMany(em, plan.created);
        // The audit log files the batch under the seller of its first new tenant.
        const first = plan.created[0];
        const seller = first.parentId
          ? (known.get(first.parentId) ?? plan.tenants.find((t) => t.id === first.parentId))
          : undefined;
        await noteAuditTenant(seller?.id ?? first.id, seller?.path ?? first.path);
      }
      return {
        tenants: plan.tenants,
        created: plan.created.length,
        unchanged: plan.tenants.length - plan.created.length,
      };
    });
  }
}
