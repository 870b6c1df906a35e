import { Injectable } from '@nestjs/common';
import { notFound } from '@cascade/platform';
import { TenantGateway } from '../billing/tenant.gateway';

/**
 * Tenants a request names must exist in metering before invoicing reads or
 * writes anything for them: an unknown id is NOT_FOUND, never an empty answer
 * or a row about nobody. (API keys are already checked by the access guard;
 * this answers the operator the same way.)
 */
@Injectable()
export class KnownTenants {
  constructor(private readonly tenants: TenantGateway) {}

  /** NOT_FOUND for the first id metering does not know; empty ids are skipped (optional filters). */
  async require(...ids: string[]): Promise<void> {
    for (const id of ids)
      if (id && (await this.tenants.currencyIfExists(id)) === undefined)
        throw notFound('tenant', id);
  }
}
