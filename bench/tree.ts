import { TenantKind, TenantService } from '@cascade/contracts';
import { peerClient } from '@cascade/platform';
import { benchAuth } from './support';

/** Runs tasks with at most `limit` in flight. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export interface BenchTree {
  providerId: string;
  /** External refs of the customers, leaf level. */
  customers: string[];
  /** Every non-root tenant with its parent: the billing edges. */
  edges: { seller: string; buyer: string }[];
}

/**
 * provider → distributors → resellers → sub-resellers → customers; `fanout`
 * gives the children per node at each level below the root.
 */
export async function buildTree(
  meteringUrl: string,
  fanout: readonly number[],
  tag: string,
): Promise<BenchTree> {
  const tenants = peerClient(TenantService, {
    baseUrl: meteringUrl,
    timeoutMs: 120_000,
    auth: benchAuth,
  });
  const kinds = [
    TenantKind.DISTRIBUTOR,
    TenantKind.RESELLER,
    TenantKind.RESELLER,
    TenantKind.CUSTOMER,
  ];
  const root = await tenants.createTenant({
    externalRef: `${tag}-root`,
    name: 'Provider',
    kind: TenantKind.PROVIDER,
    currency: 'USD',
  });
  const edges: BenchTree['edges'] = [];
  let level: { id: string; ref: string }[] = [{ id: root.id, ref: root.externalRef }];
  for (let depth = 0; depth < fanout.length; depth++) {
    const children: { parent: string; ref: string }[] = level.flatMap((p) =>
      Array.from({ length: fanout[depth] }, (_, i) => ({ parent: p.id, ref: `${p.ref}.${i}` })),
    );
    const created: { id: string; ref: string }[] = [];
    await pool(children, 8, async (c) => {
      const t = await tenants.createTenant({
        parentId: c.parent,
        externalRef: c.ref,
        name: c.ref,
        kind: kinds[Math.min(depth, kinds.length - 1)],
        currency: 'USD',
      });
      created.push({ id: t.id, ref: t.externalRef });
      edges.push({ seller: c.parent, buyer: t.id });
    });
    level = created;
  }
  return { providerId: root.id, customers: level.map((l) => l.ref).sort(), edges };
}
