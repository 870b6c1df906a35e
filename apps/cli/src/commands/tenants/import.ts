import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { TenantImportRow, TenantKind } from '@cascade/contracts';
import { action } from '../../core/context';
import { readRecords } from '../../core/records';
import { printTenants } from './tenant-view';

const BATCH = 500;

/** CSV or JSONL rows: external_ref, parent_external_ref, name, kind, currency. */
export function tenantsImport(group: Command): void {
  group
    .command('import')
    .description('create many tenants (parents by external_ref) through ImportTenants, in batches')
    .argument('<file>', 'CSV with a header row, or JSONL (.jsonl/.ndjson)')
    .option('--dry-run', 'validate only; nothing is created')
    .addHelpText(
      'after',
      '\nColumns: external_ref,parent_external_ref,name,kind,currency (kind: provider|distributor|reseller|customer)\nExample:\n  cascade tenants import tenants.csv',
    )
    .action(
      action(async (ctx, file: string, opts: { dryRun?: boolean }) => {
        const rows: TenantImportRow[] = [];
        for await (const { record } of readRecords(file))
          rows.push({
            $typeName: 'cascade.metering.v1.TenantImportRow',
            externalRef: record.external_ref ?? '',
            parentExternalRef: record.parent_external_ref ?? '',
            name: record.name ?? '',
            kind:
              TenantKind[(record.kind ?? '').toUpperCase() as keyof typeof TenantKind] ??
              TenantKind.UNSPECIFIED,
            currency: record.currency ?? '',
          });
        const bar = new SingleBar({
          format: 'tenants [{bar}] {value}/{total}',
          stream: process.stderr,
        });
        bar.start(rows.length, 0);
        const created = [];
        const counts = { created: 0, unchanged: 0 };
        try {
          for (let i = 0; i < rows.length; i += BATCH) {
            const answer = await ctx.clients().tenants.importTenants({
              tenants: rows.slice(i, i + BATCH),
              validateOnly: Boolean(opts.dryRun),
            });
            created.push(...answer.tenants);
            counts.created += answer.created;
            counts.unchanged += answer.unchanged;
            bar.update(Math.min(i + BATCH, rows.length));
          }
        } finally {
          bar.stop();
        }
        ctx.note(
          `${opts.dryRun ? 'validated' : 'imported'} ${rows.length} tenants: ${counts.created} created, ${counts.unchanged} unchanged`,
        );
        printTenants(ctx, created);
      }),
    );
}
