import { Command, Option } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { Aggregation, Meter, MeterSchema } from '@cascade/contracts';
import { action } from '../../core/context';
import { Column, printList, printRecord } from '../../core/output';

const AGGREGATIONS = ['sum', 'count', 'max', 'unique_count', 'latest', 'time_weighted'] as const;

const COLUMNS: Column<Meter>[] = [
  { header: 'code', value: (m) => m.code },
  { header: 'name', value: (m) => m.name },
  { header: 'unit', value: (m) => m.unit },
  { header: 'aggregation', value: (m) => Aggregation[m.aggregation] },
  { header: 'property', value: (m) => m.property },
];

export function metersCommands(program: Command): void {
  const group = program.command('meters').description('what is metered');
  group
    .command('list')
    .description('every meter')
    .addHelpText('after', '\nExample:\n  cascade meters list --output csv')
    .action(
      action(async (ctx) => {
        const { meters } = await ctx.clients().meters.listMeters({});
        printList(ctx.out, ctx.format, meters, COLUMNS, (m) => toJson(MeterSchema, m));
      }),
    );
  group
    .command('create')
    .description('create a meter')
    .argument('<code>', 'e.g. compute.vcpu')
    .requiredOption('--name <name>', 'what people read')
    .requiredOption('--unit <unit>', 'e.g. vCPU-hours')
    .addOption(
      new Option('--aggregation <how>', 'how events add up').choices(AGGREGATIONS).default('sum'),
    )
    .option('--property <name>', 'the event property unique_count counts')
    .addHelpText(
      'after',
      '\nExample:\n  cascade meters create compute.vcpu --name "vCPU time" --unit vCPU-hours --aggregation time_weighted',
    )
    .action(
      action(
        async (
          ctx,
          code: string,
          opts: { name: string; unit: string; aggregation: string; property?: string },
        ) => {
          const meter = await ctx.clients().meters.createMeter({
            code,
            name: opts.name,
            unit: opts.unit,
            aggregation: Aggregation[opts.aggregation.toUpperCase() as keyof typeof Aggregation],
            property: opts.property ?? '',
          });
          printRecord(
            ctx.out,
            ctx.format,
            COLUMNS.map((c) => [c.header, c.value(meter)]),
            toJson(MeterSchema, meter),
          );
        },
      ),
    );
}
