import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { UnpricedReason, UnpricedUsage, UnpricedUsageSchema } from '@cascade/contracts';
import { action } from '../../core/context';
import { printList } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';
import { TenantRefs } from '../invoices/invoice-view';

interface Row {
  usage: UnpricedUsage;
  seller: string;
  buyer: string;
}

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
        const refs = new TenantRefs(ctx);
        const rows: Row[] = await Promise.all(
          usage.map(async (u) => ({
            usage: u,
            seller: await refs.of(u.sellerTenantId),
            buyer: await refs.of(u.buyerTenantId),
          })),
        );
        // People read the edges by name, in a stable order.
        const key = (r: Row) => `${r.seller}\u0000${r.buyer}\u0000${r.usage.meterCode}`;
        rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        printList(
          ctx.out,
          ctx.format,
          rows,
          [
            { header: 'seller', value: (r) => r.seller },
            { header: 'buyer', value: (r) => r.buyer },
            { header: 'meter_code', value: (r) => r.usage.meterCode },
            { header: 'quantity', value: (r) => r.usage.quantity, right: true },
            { header: 'unit', value: (r) => r.usage.unit },
            { header: 'reason', value: (r) => UnpricedReason[r.usage.reason] },
          ],
          (r) => toJson(UnpricedUsageSchema, r.usage),
        );
      }),
    );
}
