import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { UnpricedReason, UnpricedUsageSchema } from '@cascade/contracts';
import { action } from '../../core/context';
import { printList } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';

export function billingUnpriced(group: Command, name = 'unpriced'): void {
  group
    .command(name)
    .description('usage no plan priced in a month, per edge and meter, and why')
    .requiredOption('--period <month>', 'e.g. 2026-10')
    .option('--node <tenant>', "a subtree's root (default: every tree, operator only)")
    .addHelpText('after', '\nExample:\n  cascade billing unpriced --period 2026-10 --node acme')
    .action(
      action(async (ctx, opts: { period: string; node?: string }) => {
        const period = periodTimestamps(parsePeriod(opts.period));
        const tenantId = opts.node ? (await resolveTenant(ctx, opts.node)).id : '';
        const { usage } = await ctx.clients().invoices.listUnpricedUsage({ tenantId, ...period });
        printList(
          ctx.out,
          ctx.format,
          usage,
          [
            { header: 'seller_tenant_id', value: (u) => u.sellerTenantId },
            { header: 'buyer_tenant_id', value: (u) => u.buyerTenantId },
            { header: 'meter_code', value: (u) => u.meterCode },
            { header: 'quantity', value: (u) => u.quantity, right: true },
            { header: 'unit', value: (u) => u.unit },
            { header: 'reason', value: (u) => UnpricedReason[u.reason] },
          ],
          (u) => toJson(UnpricedUsageSchema, u),
        );
      }),
    );
}
