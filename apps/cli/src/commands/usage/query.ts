import { Command, Option } from 'commander';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { GroupBy } from '@cascade/contracts';
import { action } from '../../core/context';
import { printList, printRecord } from '../../core/output';
import { parsePeriod, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';

interface Options {
  period: string;
  subtree?: boolean;
  by?: 'child' | 'resource';
}

export function usageQuery(group: Command): void {
  group
    .command('query')
    .description("a tenant's usage of one meter over a month: the total, or per child or resource")
    .argument('<node>', 'external_ref or id')
    .argument('<meter>', 'meter code')
    .requiredOption('--period <month>', 'e.g. 2026-10')
    .option('--subtree', 'include every descendant')
    .addOption(
      new Option('--by <what>', 'one row per child tenant or per resource').choices([
        'child',
        'resource',
      ]),
    )
    .addHelpText(
      'after',
      '\nExample:\n  cascade usage query acme compute.vcpu --period 2026-10 --subtree --by child --output csv',
    )
    .action(
      action(async (ctx, node: string, meter: string, opts: Options) => {
        const period = parsePeriod(opts.period);
        const tenant = await resolveTenant(ctx, node);
        const { periodStart, periodEnd } = periodTimestamps(period);
        const answer = await ctx.clients().usage.queryUsage({
          tenantId: tenant.id,
          meterCode: meter,
          from: periodStart,
          to: periodEnd,
          includeDescendants: Boolean(opts.subtree),
          groupBy:
            opts.by === 'child'
              ? GroupBy.CHILD_TENANT
              : opts.by === 'resource'
                ? GroupBy.RESOURCE
                : GroupBy.UNSPECIFIED,
        });
        const from = timestampDate(periodStart).toISOString();
        if (!opts.by) {
          const fields: [string, string][] = [
            ['tenant', tenant.externalRef],
            ['meter_code', meter],
            ['from', from],
            ['to', period.end.toISOString()],
            ['total', answer.total],
            ['unit', answer.unit],
          ];
          printRecord(ctx.out, ctx.format, fields, Object.fromEntries(fields));
          return;
        }
        printList(
          ctx.out,
          ctx.format,
          answer.groups,
          [
            { header: opts.by === 'child' ? 'tenant_id' : 'resource_id', value: (g) => g.key },
            { header: 'quantity', value: (g) => g.value, right: true },
            { header: 'unit', value: () => answer.unit },
          ],
          (g) => ({ key: g.key, quantity: g.value, unit: answer.unit }),
        );
      }),
    );
}
