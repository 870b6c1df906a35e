import { Command } from 'commander';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printTenant } from './tenant-view';

export function tenantsGet(group: Command): void {
  group
    .command('get')
    .description('show one tenant')
    .argument('<tenant>', 'external_ref or id')
    .addHelpText('after', '\nExample:\n  cascade tenants get acme-r1 --output json')
    .action(action(async (ctx, ref: string) => printTenant(ctx, await resolveTenant(ctx, ref))));
}
