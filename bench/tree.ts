import { create } from '@bufbuild/protobuf';
import {
  TenantImportRow,
  TenantImportRowSchema,
  TenantKind,
  TenantService,
} from '@cascade/contracts';
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

/** ImportTenants takes at most 10,000 rows a call. */
const IMPORT_BATCH = 5_000;

/**
 * provider → distributors → resellers → sub-resellers → customers; `fanout`
 * gives the children per node at each level below the root. Imported level by
 * level with `ImportTenants`, parents named by external_ref.
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
  const rootRef = `${tag}-root`;
  const rows: TenantImportRow[] = [row(rootRef, '', 'Provider', TenantKind.PROVIDER)];
  let level = [rootRef];
  for (let depth = 0; depth < fanout.length; depth++) {
    level = level.flatMap((parent) =>
      Array.from({ length: fanout[depth] }, (_, i) => `${parent}.${i}`),
    );
    const kind = kinds[Math.min(depth, kinds.length - 1)];
    for (const ref of level) rows.push(row(ref, ref.slice(0, ref.lastIndexOf('.')), ref, kind));
  }
  const idOf = new Map<string, string>();
  for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
    const answer = await tenants.importTenants({ tenants: rows.slice(i, i + IMPORT_BATCH) });
    for (const t of answer.tenants) idOf.set(t.externalRef, t.id);
  }
  const id = (ref: string) => idOf.get(ref) as string;
  return {
    providerId: id(rootRef),
    customers: [...level].sort(),
    edges: rows
      .filter((r) => r.parentExternalRef !== '')
      .map((r) => ({ seller: id(r.parentExternalRef), buyer: id(r.externalRef) })),
  };
}

function row(ref: string, parent: string, name: string, kind: TenantKind): TenantImportRow {
  return create(TenantImportRowSchema, {
    externalRef: ref,
    parentExternalRef: parent,
    name,
    kind,
    currency: 'USD',
  });
}
