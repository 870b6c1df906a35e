import { Command } from 'commander';
import { Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { parseInstant } from '../../core/periods';
import { action, Ctx } from '../../core/context';
import { CliError, EXIT } from '../../core/exit-codes';
import { printList } from '../../core/output';
import { resolveTenant } from '../../core/resolve';
import { diffPlans, PlanChange } from './plan-diff';
import { readPlanFile } from './plan-file';

const SIGN = { create: '+', update: '~', unchanged: '=', conflict: '!' } as const;

export function plansApply(group: Command): void {
  group
    .command('apply')
    .description(
      'make the live plans match a YAML file: the difference first, a new version only where something changed',
    )
    .requiredOption('-f, --file <plans.yaml>', 'seller: and plans: (docs/CLI.md)')
    .option('--dry-run', 'show the difference, change nothing')
    .option('--effective-from <date>', 'when new versions take effect (default: now)')
    .addHelpText('after', '\nExample:\n  cascade plans apply -f plans.yaml --dry-run')
    .action(
      action(async (ctx, opts: { file: string; dryRun?: boolean; effectiveFrom?: string }) => {
        const effectiveFrom = timestampFromDate(
          opts.effectiveFrom ? parseInstant(opts.effectiveFrom, '--effective-from') : new Date(),
        );
        const file = readPlanFile(opts.file);
        const seller = await resolveTenant(ctx, file.seller);
        const { plans } = await ctx.clients().plans.listPlans({ sellerTenantId: seller.id });
        const changes = diffPlans(file.plans, plans);
        printChanges(ctx, changes);
        const conflicts = changes.filter((c) => c.kind === 'conflict');
        if (conflicts.length)
          throw new CliError(
            `nothing applied: ${conflicts.map((c) => c.declared.code).join(', ')} cannot change ${[...new Set(conflicts.flatMap((c) => (c.kind === 'conflict' ? c.fields : [])))].join(', ')} (give the plan a new code)`,
            EXIT.REJECTED,
            'FAILED_PRECONDITION',
          );
        if (opts.dryRun) return ctx.note('dry run: nothing changed');
        for (const change of changes) await apply(ctx, seller.id, change, effectiveFrom);
        const counts = (kind: PlanChange['kind']) => changes.filter((c) => c.kind === kind).length;
        ctx.note(
          `applied: ${counts('create')} created, ${counts('update')} new versions, ${counts('unchanged')} unchanged`,
        );
      }),
    );
}

function printChanges(ctx: Ctx, changes: PlanChange[]): void {
  printList(
    ctx.out,
    ctx.format,
    changes,
    [
      { header: '', value: (c) => SIGN[c.kind] },
      { header: 'code', value: (c) => c.declared.code },
      { header: 'change', value: (c) => c.kind },
      { header: 'fields', value: (c) => ('fields' in c ? c.fields.join(', ') : '') },
      {
        header: 'version',
        value: (c) =>
          'live' in c
            ? `${c.live.version}${c.kind === 'update' ? ` -> ${c.live.version + 1}` : ''}`
            : '1',
      },
    ],
    (c) => ({
      code: c.declared.code,
      change: c.kind,
      fields: 'fields' in c ? c.fields : [],
      liveVersion: 'live' in c ? c.live.version : 0,
    }),
  );
}

async function apply(
  ctx: Ctx,
  sellerTenantId: string,
  change: PlanChange,
  effectiveFrom: Timestamp,
): Promise<void> {
  const plans = ctx.clients().plans;
  const d = change.declared;
  if (change.kind === 'create')
    await plans.createPlan({
      sellerTenantId,
      code: d.code,
      name: d.name,
      currency: d.currency,
      billingModel: d.billingModel,
      interval: d.interval,
      subscriptionFee: d.subscriptionFee,
      charges: d.charges,
    });
  if (change.kind === 'update')
    await plans.updatePlan({
      id: change.live.id,
      name: d.name,
      subscriptionFee: d.subscriptionFee,
      charges: d.charges,
      effectiveFrom,
    });
}
