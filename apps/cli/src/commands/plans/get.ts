import { Command } from 'commander';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { findPlan, printPlan } from './plan-view';

export function plansGet(group: Command): void {
  group
    .command('get')
    .description('one plan, by code (with --seller) or id')
    .argument('<plan>', 'plan code or id')
    .option('--seller <tenant>', 'the seller whose plan code this is')
    .option('--version <n>', 'an earlier version (by id only)')
    .addHelpText('after', '\nExample:\n  cascade plans get gold --seller acme')
    .action(
      action(async (ctx, plan: string, opts: { seller?: string; version?: string }) => {
        if (opts.seller) {
          const seller = await resolveTenant(ctx, opts.seller);
          return printPlan(ctx, await findPlan(ctx, seller.id, plan));
        }
        const version = opts.version ? Number.parseInt(opts.version, 10) : 0;
        printPlan(ctx, await ctx.clients().plans.getPlan({ id: plan, version }));
      }),
    );
}
