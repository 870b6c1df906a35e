import { Command } from 'commander';
import { InvoiceStatus, MeterTotal, Tenant } from '@cascade/contracts';
import { Dec, formatMoney } from '@cascade/money';
import { action, Ctx } from '../../core/context';
import { CliError } from '../../core/exit-codes';
import { printList } from '../../core/output';
import { parsePeriod, Period, periodTimestamps } from '../../core/periods';
import { resolveTenant } from '../../core/resolve';

interface TreeNode {
  tenant: Tenant;
  depth: number;
  /** The node's whole subtree, per meter. */
  usage: MeterTotal[];
  /** What the node was invoiced by its seller for the period, per currency (void invoices aside). */
  billed: Record<string, string>;
  children: TreeNode[];
}

export function tenantsTree(group: Command): void {
  group
    .command('tree')
    .description('the tree drawn with usage and billed amounts per node')
    .argument('[node]', 'external_ref or id of the top node (default: the top the key sees)')
    .option('--depth <n>', 'levels below the node', '2')
    .option('--period <month>', 'e.g. 2026-10 (default: this month)')
    .addHelpText('after', '\nExample:\n  cascade tenants tree acme --depth 3 --period 2026-10')
    .action(
      action(async (ctx, node: string | undefined, opts: { depth: string; period?: string }) => {
        const depth = Number.parseInt(opts.depth, 10);
        if (!/^\d+$/.test(opts.depth) || depth > 20)
          throw new CliError(
            `--depth: expected a whole number from 0 to 20, got ${JSON.stringify(opts.depth)}`,
          );
        const now = new Date();
        const period = parsePeriod(
          opts.period ??
            `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`,
        );
        const top = node ? await resolveTenant(ctx, node) : undefined;
        const tree = await summarize(ctx, top, period, 0, depth);
        print(ctx, tree);
      }),
    );
}

async function summarize(
  ctx: Ctx,
  tenant: Tenant | undefined,
  period: Period,
  depth: number,
  maxDepth: number,
): Promise<TreeNode> {
  const clients = ctx.clients();
  const children: TreeNode[] = [];
  let pageToken = '';
  let self: TreeNode | undefined;
  do {
    const page = await clients.usage.summarizeTree({
      tenantId: tenant?.id ?? '',
      from: periodTimestamps(period).periodStart,
      to: periodTimestamps(period).periodEnd,
      pageSize: 200,
      pageToken,
    });
    self ??= {
      tenant: page.tenant!,
      depth,
      usage: page.subtree,
      billed: await billed(ctx, page.tenant!, period),
      children,
    };
    if (depth < maxDepth)
      for (const child of page.children) {
        children.push(
          child.childCount > 0 && depth + 1 < maxDepth
            ? await summarize(ctx, child.tenant, period, depth + 1, maxDepth)
            : {
                tenant: child.tenant!,
                depth: depth + 1,
                usage: child.totals,
                billed: await billed(ctx, child.tenant!, period),
                children: [],
              },
        );
      }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return self!;
}

async function billed(ctx: Ctx, tenant: Tenant, period: Period): Promise<Record<string, string>> {
  if (!tenant.parentId) return {};
  const { invoices } = await ctx.clients().invoices.listInvoices({
    buyerTenantId: tenant.id,
    ...periodTimestamps(period),
    pageSize: 1000,
  });
  const sums = new Map<string, Dec>();
  for (const invoice of invoices) {
    if (invoice.status === InvoiceStatus.VOID || invoice.status === InvoiceStatus.DISCARDED)
      continue;
    sums.set(invoice.currency, (sums.get(invoice.currency) ?? new Dec(0)).plus(invoice.total));
  }
  return Object.fromEntries(
    [...sums].map(([currency, amount]) => [currency, formatMoney(amount, currency)]),
  );
}

function flatten(node: TreeNode): TreeNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

const usageText = (n: TreeNode) =>
  n.usage.map((u) => `${u.meterCode} ${u.quantity}${u.unit ? ` ${u.unit}` : ''}`).join(', ');
const billedText = (n: TreeNode) =>
  Object.entries(n.billed)
    .map(([c, a]) => `${a} ${c}`)
    .join(', ');

function print(ctx: Ctx, tree: TreeNode): void {
  if (ctx.format === 'table') {
    const lines: string[] = [];
    const draw = (node: TreeNode, prefix: string, last: boolean, root: boolean) => {
      const facts = [usageText(node), billedText(node) && `billed ${billedText(node)}`]
        .filter(Boolean)
        .join('  ');
      const label = `${node.tenant.externalRef} (${node.tenant.name})${facts ? `  ${facts}` : ''}`;
      lines.push(root ? label : `${prefix}${last ? '└── ' : '├── '}${label}`);
      const next = root ? '' : `${prefix}${last ? '    ' : '│   '}`;
      node.children.forEach((child, i) => draw(child, next, i === node.children.length - 1, false));
    };
    draw(tree, '', true, true);
    ctx.out(`${lines.join('\n')}\n`);
    return;
  }
  const json = (n: TreeNode): unknown => ({
    externalRef: n.tenant.externalRef,
    name: n.tenant.name,
    id: n.tenant.id,
    usage: n.usage.map((u) => ({ meterCode: u.meterCode, quantity: u.quantity, unit: u.unit })),
    billed: n.billed,
    children: n.children.map(json),
  });
  if (ctx.format === 'json') {
    ctx.out(`${JSON.stringify(json(tree), null, 2)}\n`);
    return;
  }
  printList(
    ctx.out,
    ctx.format,
    flatten(tree),
    [
      { header: 'depth', value: (n) => String(n.depth) },
      { header: 'external_ref', value: (n) => n.tenant.externalRef },
      { header: 'name', value: (n) => n.tenant.name },
      { header: 'usage', value: usageText },
      { header: 'billed', value: billedText },
    ],
    (n) => ({ ...(json({ ...n, children: [] }) as object), depth: n.depth }),
  );
}
