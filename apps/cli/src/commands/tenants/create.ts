import { Command, Option } from 'commander';
import { TenantKind } from '@cascade/contracts';
import { action } from '../../core/context';
import { resolveTenant } from '../../core/resolve';
import { printTenant } from './tenant-view';

const KINDS = ['provider', 'distributor', 'reseller', 'customer'] as const;

interface Options {
  parent?: string;
  name: string;
  kind: (typeof KINDS)[number];
  currency: string;
}

export function tenantsCreate(group: Command): void {
  group
    .command('create')
    .description('create a tenant under a parent (no parent: a root, operator only)')
    .argument('<external-ref>', "the platform's own id for the tenant")
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--kind <kind>', 'tenant kind').choices(KINDS).makeOptionMandatory())
    .requiredOption('--currency <code>', 'ISO 4217 currency, e.g. USD')
    .option('--parent <tenant>', 'external_ref or id of the parent')
    .addHelpText(
      'after',
      '\nExample:\n  cascade tenants create acme-r1 --parent acme --name "Reseller One" --kind reseller --currency USD',
    )
    .action(
      action(async (ctx, externalRef: string, opts: Options) => {
        const parentId = opts.parent ? (await resolveTenant(ctx, opts.parent)).id : '';
        const tenant = await ctx.clients().tenants.createTenant({
          parentId,
          externalRef,
          name: opts.name,
          kind: TenantKind[opts.kind.toUpperCase() as keyof typeof TenantKind],
          currency: opts.currency,
        });
        printTenant(ctx, tenant);
      }),
    );
}
