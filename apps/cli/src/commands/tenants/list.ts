import { Command } from 'commander';
import { Tenant } from '@cascade/contracts';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printTenants } from './tenant-view';

export function tenantsList(group: Command): void {
  group
    .command('list')
    .description("list a tenant's children (or the roots), every page")
    .argument(
      '[parent]',
      'external_ref or id of the parent; none lists what the key sees at the top',
    )
    .option('-r, --recursive', 'the whole subtree, not only the children')
    .addHelpText('after', '\nExample:\n  cascade tenants list acme --recursive --output csv')
    .action(
      action(async (ctx, parent: string | undefined, opts: { recursive?: boolean }) => {
        const parentId = parent ? (await resolveTenant(ctx, parent)).id : '';
        const tenants: Tenant[] = [];
        let pageToken = '';
        do {
          const page = await ctx.clients().tenants.listTenants({
            parentId,
            recursive: Boolean(opts.recursive),
            pageSize: 500,
            pageToken,
          });
          tenants.push(...page.tenants);
          pageToken = page.nextPageToken;
        } while (pageToken);
        printTenants(ctx, tenants);
      }),
    );
}
