import { Command } from 'commander';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printProfile } from './profile-view';

export function sellerProfileGet(group: Command): void {
  group
    .command('get')
    .description("a seller's effective profile: each field its own or inherited from an ancestor")
    .argument('<tenant>', 'external_ref or id')
    .addHelpText('after', '\nExample:\n  cascade seller-profile get acme-r1')
    .action(
      action(async (ctx, ref: string) => {
        const tenant = await resolveTenant(ctx, ref);
        printProfile(ctx, await ctx.clients().invoices.getSellerProfile({ tenantId: tenant.id }));
      }),
    );
}
