import { Command } from 'commander';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printPlans } from './plan-view';

export function plansList(group: Command): void {
  group
    .command('list')
    .description("a seller's plans")
    .argument('<seller>', 'external_ref or id')
    .addHelpText('after', '\nExample:\n  cascade plans list acme --output json')
    .action(
      action(async (ctx, seller: string) => {
        const tenant = await resolveTenant(ctx, seller);
        printPlans(ctx, (await ctx.clients().plans.listPlans({ sellerTenantId: tenant.id })).plans);
      }),
    );
}
