import { Command } from 'commander';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { action } from '../../core/context';
import { parseInstant } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';
import { printTenant } from './tenant-view';

export function tenantsMove(group: Command): void {
  group
    .command('move')
    .description('move a tenant under another parent; usage before --at stays with the old chain')
    .argument('<tenant>', 'external_ref or id')
    .requiredOption('--to <parent>', 'external_ref or id of the new parent')
    .option('--at <instant>', 'when the move takes effect (default: now)')
    .addHelpText('after', '\nExample:\n  cascade tenants move acme-c1 --to acme-r2 --at 2026-10-15')
    .action(
      action(async (ctx, ref: string, opts: { to: string; at?: string }) => {
        const effectiveAt = opts.at ? timestampFromDate(parseInstant(opts.at, '--at')) : undefined;
        const tenant = await resolveTenant(ctx, ref);
        const parent = await resolveTenant(ctx, opts.to);
        printTenant(
          ctx,
          await ctx
            .clients()
            .tenants.moveTenant({ id: tenant.id, newParentId: parent.id, effectiveAt }),
        );
      }),
    );
}
