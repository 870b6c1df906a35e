import { Command } from 'commander';
import { TenantStatus } from '@cascade/contracts';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printTenant } from './tenant-view';

export function tenantsClose(group: Command): void {
  group
    .command('close')
    .description('close a tenant (status CLOSED)')
    .argument('<tenant>', 'external_ref or id')
    .addHelpText('after', '\nExample:\n  cascade tenants close acme-c9')
    .action(
      action(async (ctx, ref: string) => {
        const tenant = await resolveTenant(ctx, ref);
        printTenant(
          ctx,
          await ctx.clients().tenants.updateTenant({ id: tenant.id, status: TenantStatus.CLOSED }),
        );
      }),
    );
}
