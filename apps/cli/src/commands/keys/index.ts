import { Command, Option } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ApiKey, ApiKeySchema, Role } from '@cascade/contracts';
import { action } from '../../core/context';
import { Column, printList, printRecord } from '../../core/output';
import { resolveTenant } from '../../core/resolve';

const COLUMNS: Column<ApiKey>[] = [
  { header: 'id', value: (k) => k.id },
  { header: 'name', value: (k) => k.name },
  { header: 'role', value: (k) => Role[k.role] },
  { header: 'tenant_id', value: (k) => k.tenantId },
  {
    header: 'created',
    value: (k) => (k.createTime ? timestampDate(k.createTime).toISOString() : ''),
  },
  {
    header: 'revoked',
    value: (k) => (k.revokeTime ? timestampDate(k.revokeTime).toISOString() : ''),
  },
];

export function keysCommands(program: Command): void {
  const group = program.command('keys').description("API keys of a tenant's subtree");
  group
    .command('create')
    .description('create a key; its secret is printed once, on stdout')
    .argument('<tenant>', 'external_ref or id')
    .requiredOption('--name <name>', 'what the key is for')
    .addOption(
      new Option('--role <role>', 'what the key may do')
        .choices(['admin', 'viewer', 'ingest'])
        .default('viewer'),
    )
    .addHelpText(
      'after',
      '\nExample:\n  cascade keys create acme-r1 --name billing-bot --role admin > r1.key && chmod 600 r1.key',
    )
    .action(
      action(async (ctx, ref: string, opts: { name: string; role: string }) => {
        const tenant = await resolveTenant(ctx, ref);
        const role = Role[opts.role.toUpperCase() as keyof typeof Role];
        const answer = await ctx
          .clients()
          .apiKeys.createApiKey({ tenantId: tenant.id, name: opts.name, role });
        if (ctx.format === 'table') {
          ctx.note(
            `created key ${answer.apiKey?.id} for ${tenant.externalRef}; the secret follows and is not shown again`,
          );
          ctx.out(`${answer.secret}\n`);
          return;
        }
        printRecord(ctx.out, ctx.format, [], {
          secret: answer.secret,
          apiKey: toJson(ApiKeySchema, answer.apiKey!),
        });
      }),
    );
  group
    .command('list')
    .description("a tenant's keys (never their secrets)")
    .argument('<tenant>', 'external_ref or id')
    .option('--include-revoked', 'revoked keys too')
    .addHelpText('after', '\nExample:\n  cascade keys list acme-r1')
    .action(
      action(async (ctx, ref: string, opts: { includeRevoked?: boolean }) => {
        const tenant = await resolveTenant(ctx, ref);
        const { apiKeys } = await ctx.clients().apiKeys.listApiKeys({
          tenantId: tenant.id,
          includeRevoked: Boolean(opts.includeRevoked),
        });
        printList(ctx.out, ctx.format, apiKeys, COLUMNS, (k) => toJson(ApiKeySchema, k));
      }),
    );
  group
    .command('revoke')
    .description('revoke a key')
    .argument('<key-id>', 'the key id')
    .addHelpText('after', '\nExample:\n  cascade keys revoke 5f0c…')
    .action(
      action(async (ctx, id: string) => {
        const key = await ctx.clients().apiKeys.revokeApiKey({ id });
        printRecord(
          ctx.out,
          ctx.format,
          COLUMNS.map((c) => [c.header, c.value(key)]),
          toJson(ApiKeySchema, key),
        );
      }),
    );
}
