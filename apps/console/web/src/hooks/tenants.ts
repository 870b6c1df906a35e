import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Tenant } from '@cascade/contracts';
import { clients } from '../api/clients';
import { useCall } from '../api/use-call';
import type { Period } from '../format/period';
import { usePrincipal } from '../session/SessionContext';
import { visiblePath } from '../session/access';

export function useTenant(id: string) {
  return useCall((signal) => clients.tenants.getTenant({ id }, { signal }), [id]);
}

/** The direct children of a node now: one call, whatever the node's size (up to a page of 100). */
export function useChildren(id: string) {
  return useCall(
    (signal) => clients.tenants.listTenants({ parentId: id, pageSize: 100 }, { signal }),
    [id],
  );
}

/** The node's ancestors the principal may open, root-most first, then the node itself. */
export function useBreadcrumbs(tenant: Tenant | undefined) {
  const principal = usePrincipal();
  const ids = tenant ? visiblePath(principal, tenant.path).slice(0, -1) : [];
  return useCall(
    (signal) => Promise.all(ids.map((id) => clients.tenants.getTenant({ id }, { signal }))),
    [ids.join('/')],
  );
}

/** The node's level in one call (SummarizeTree): per-child totals per meter for the period. */
export function useTreeSummary(id: string, period: Period) {
  return useCall(
    (signal) =>
      clients.usage.summarizeTree(
        {
          tenantId: id,
          from: timestampFromDate(period.start),
          to: timestampFromDate(period.end),
          pageSize: 100,
        },
        { signal },
      ),
    [id, period.start.getTime()],
  );
}

/** A tenant id → name map of the node, its children and its breadcrumbs, for labelling ids. */
export function namesOf(...lists: (readonly Tenant[] | undefined)[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists) for (const t of list ?? []) names.set(t.id, t.name);
  return names;
}
