import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { MarginReportSchema } from '@cascade/contracts';
import { action } from '../core/context';
import { printList } from '../core/output';
import { parsePeriod, periodTimestamps } from '../core/periods';
import { resolveTenant } from '../core/resolve';

export function marginCommand(program: Command): void {
  program
    .command('margin')
    .description('what a tenant sold, bought and kept in a month, per meter')
    .argument('<node>', 'external_ref or id')
    .requiredOption('--period <month>', 'e.g. 2026-10')
    .addHelpText('after', '\nExample:\n  cascade margin acme-r1 --period 2026-10')
    .action(
      action(async (ctx, node: string, opts: { period: string }) => {
        const tenant = await resolveTenant(ctx, node);
        const report = await ctx.clients().invoices.getMarginReport({
          tenantId: tenant.id,
          ...periodTimestamps(parsePeriod(opts.period)),
        });
        if (ctx.format === 'json') {
          ctx.out(`${JSON.stringify(toJson(MarginReportSchema, report), null, 2)}\n`);
          return;
        }
        const rows = [
          ...report.meters.map((m) => ({
            meter: m.meterCode || '(subscription fees)',
            revenue: m.revenue,
            cost: m.cost,
            margin: m.margin,
          })),
          {
            meter: `total ${report.currency}`,
            revenue: report.revenue,
            cost: report.cost,
            margin: report.margin,
          },
          // The total split: what the tenant used itself, and the margin on what it resold.
          { meter: 'own use', revenue: '', cost: report.ownUseCost, margin: '' },
          {
            meter: 'resale',
            revenue: report.revenue,
            cost: report.resaleCost,
            margin: report.resaleMargin,
          },
        ];
        if (report.unpriced.length > 0)
          ctx.note(
            `${report.unpriced.length} unpriced usage lines in the subtree: cascade unpriced list --period ${opts.period} --node ${node}`,
          );
        printList(
          ctx.out,
          ctx.format,
          rows,
          [
            { header: 'meter', value: (r) => r.meter },
            { header: 'revenue', value: (r) => r.revenue, right: true },
            { header: 'cost', value: (r) => r.cost, right: true },
            { header: 'margin', value: (r) => r.margin, right: true },
          ],
          (r) => r,
        );
      }),
    );
}
