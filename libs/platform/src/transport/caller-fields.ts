import type { CallerFields } from '@cascade/observability';
import type { Principal } from '../auth/principal';

/** Who a call log line names: the key (or the key a service acts for) by id, never a token. */
export function callerFields(principal: Principal | undefined): CallerFields {
  if (!principal) return { caller: 'anonymous' };
  const acting = principal.kind === 'service' ? principal.onBehalfOf : principal;
  const key =
    acting?.kind === 'key' ? { key_id: acting.keyId, tenant_id: acting.tenantId } : undefined;
  return { caller: principal.kind, ...key };
}
