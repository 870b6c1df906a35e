import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AssignmentSchema } from '@cascade/contracts';
import { action } from '../../core/context';
import { parseInstant } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';
import { printRecord } from '../../core/output';
import { findPlan } from './plan-view';

export function plansAssign(group: Command): void {
  group
    .command('assign')
    .description("put a buyer on one of its seller's plans from a date on")
    .argument('<buyer>', 'external_ref or id')
    .argument('<plan>', "a code of the buyer's parent's plans, or a plan id")
    .requiredOption('--from <date>', 'effective from, e.g. 2026-10-01')
    .addHelpText('after', '\nExample:\n  cascade plans assign acme-r1 gold --from 2026-10-01')
    .action(
      action(async (ctx, buyerRef: string, planRef: string, opts: { from: string }) => {
        const effectiveFrom = timestampFromDate(parseInstant(opts.from, '--from'));
        const buyer = await resolveTenant(ctx, buyerRef);
        const plan = await findPlan(ctx, buyer.parentId, planRef);
        const a = await ctx
          .clients()
          .plans.assignPlan({ buyerTenantId: buyer.id, planId: plan.id, effectiveFrom });
        printRecord(
          ctx.out,
          ctx.format,
          [
            ['buyer', buyer.externalRef],
            ['plan', plan.code],
            ['effective_from', a.effectiveFrom ? timestampDate(a.effectiveFrom).toISOString() : ''],
            ['id', a.id],
          ],
          toJson(AssignmentSchema, a),
        );
      }),
    );
}
