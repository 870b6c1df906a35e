import { Role } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useAction, useCall } from '../../api/use-call';

export function useKeys(tenantId: string, includeRevoked: boolean) {
  return useCall(
    (signal) => clients.apiKeys.listApiKeys({ tenantId, includeRevoked }, { signal }),
    [tenantId, includeRevoked],
  );
}

export function useCreateKey(tenantId: string, after: () => void) {
  return useAction(async (name: string, role: Role) => {
    const created = await clients.apiKeys.createApiKey({ tenantId, name, role });
    after();
    return created;
  });
}

export function useRevokeKey(after: () => void) {
  return useAction(async (id: string) => {
    const key = await clients.apiKeys.revokeApiKey({ id });
    after();
    return key;
  });
}
