import { clients } from '../api/clients';
import { useCall } from '../api/use-call';

/**
 * Names for tenant ids a view shows (unpriced edges, runs): one GetTenant per distinct
 * id; an id the principal may not read keeps showing as the id.
 */
export function useTenantNames(ids: readonly string[]): Map<string, string> {
  const distinct = [...new Set(ids)].sort();
  const names = useCall(
    async (signal) =>
      new Map(
        await Promise.all(
          distinct.map(async (id): Promise<[string, string]> => {
            try {
              return [id, (await clients.tenants.getTenant({ id }, { signal })).name];
            } catch {
              return [id, id];
            }
          }),
        ),
      ),
    [distinct.join(',')],
  );
  return names.status === 'ok' ? names.data : new Map();
}
