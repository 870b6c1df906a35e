import { Command, Option } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditEvent, AuditEventSchema } from '@cascade/contracts';
import { action } from '../core/context';
import { printList } from '../core/output';
import { parseInstant } from '../core/periods';
import { resolveTenant } from '../core/resolve';

const SERVICES = ['metering', 'rating', 'invoicing'] as const;

export function auditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'the audit log of a subtree (or everything, for the operator), newest pages first, of one service',
    )
    .argument('[node]', 'external_ref or id')
    .option('--since <instant>', 'events from this date or instant on')
    .addOption(new Option('--service <name>', 'whose log').choices(SERVICES).default('metering'))
    .option('--limit <n>', 'at most this many events', '100')
    .addHelpText(
      'after',
      '\nExample:\n  cascade audit acme-r1 --since 2026-10-01 --service invoicing',
    )
    .action(
      action(
        async (
          ctx,
          node: string | undefined,
          opts: { since?: string; service: (typeof SERVICES)[number]; limit: string },
        ) => {
          const tenantId = node ? (await resolveTenant(ctx, node)).id : '';
          const from = opts.since
            ? timestampFromDate(parseInstant(opts.since, '--since'))
            : undefined;
          const limit = Number.parseInt(opts.limit, 10) || 100;
          const events: AuditEvent[] = [];
          let pageToken = '';
          do {
            const page = await ctx
              .clients()
              .audit(opts.service)
              .listAuditEvents({
                tenantId,
                from,
                pageSize: Math.min(limit, 500),
                pageToken,
              });
            events.push(...page.events);
            pageToken = page.nextPageToken;
          } while (pageToken && events.length < limit);
          printList(
            ctx.out,
            ctx.format,
            events.slice(0, limit),
            [
              { header: 'time', value: (e) => (e.time ? timestampDate(e.time).toISOString() : '') },
              { header: 'rpc', value: (e) => e.rpc },
              {
                header: 'actor',
                value: (e) => [e.actorKind, e.actorKeyId].filter(Boolean).join(' '),
              },
              { header: 'tenant_id', value: (e) => e.tenantId },
              { header: 'outcome', value: (e) => e.outcome },
            ],
            (e) => toJson(AuditEventSchema, e),
          );
        },
      ),
    );
}
