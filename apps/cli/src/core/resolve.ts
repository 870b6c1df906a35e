import { Code, ConnectError } from '@connectrpc/connect';
import { Tenant } from '@cascade/contracts';
import { Ctx } from './context';

/**
 * A tenant as a person names it: its external_ref, else its id ("id:…" forces the
 * id). People type external refs; ids stay internal.
 */
export async function resolveTenant(ctx: Ctx, ref: string): Promise<Tenant> {
  const tenants = ctx.clients().tenants;
  if (ref.startsWith('id:')) return tenants.getTenant({ id: ref.slice(3) });
  try {
    return await tenants.getTenant({ externalRef: ref });
  } catch (error) {
    if (ConnectError.from(error).code !== Code.NotFound) throw error;
    try {
      return await tenants.getTenant({ id: ref });
    } catch (second) {
      if (ConnectError.from(second).code !== Code.NotFound) throw second;
      throw new ConnectError(`tenant "${ref}" not found (by external_ref or id)`, Code.NotFound);
    }
  }
}
