import { Injectable } from '@nestjs/common';
import {
  actsOnEveryTree,
  noteAuditTenant,
  notFound,
  requirePrincipal,
  TenantScope,
} from '@cascade/platform';
import { InvoiceRepository } from '../persistence/invoice.repository';

/**
 * An invoice is visible to every caller whose subtree holds its seller or
 * its buyer (a customer sees what it is billed, never what its seller pays);
 * it is changed only from the seller's side. Anything else is NOT_FOUND, as
 * if the invoice did not exist.
 */
@Injectable()
export class InvoiceAccess {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly scope: TenantScope,
  ) {}

  /** Checks before the call reads the invoice. */
  async requireVisible(id: string): Promise<void> {
    await this.check(id, false);
  }

  /** Checks before the call changes the invoice; names the seller in the audit log. */
  async requireSeller(id: string): Promise<void> {
    await this.check(id, true);
  }

  /** The invoices of `ids` the caller may read (all of them for the operator and services). */
  async visibleAmong(ids: readonly string[]): Promise<string[]> {
    const principal = requirePrincipal();
    if (actsOnEveryTree(principal)) return [...ids];
    const found = await this.invoices.getMany(ids);
    const visible: string[] = [];
    for (const id of ids) {
      const invoice = found.get(id)?.invoice;
      if (!invoice) continue;
      if (
        (await this.scope.covers(principal, invoice.sellerTenantId)) ||
        (await this.scope.covers(principal, invoice.buyerTenantId))
      )
        visible.push(id);
    }
    return visible;
  }

  private async check(id: string, change: boolean): Promise<void> {
    const principal = requirePrincipal();
    const invoice = await this.invoices.get(id);
    // The operator and the services get the invoice service's own answer, as before.
    if (!invoice && actsOnEveryTree(principal)) return;
    if (!invoice) throw notFound('invoice', id);
    const { sellerTenantId, buyerTenantId } = invoice.invoice;
    await this.scope.requireAny(principal, [sellerTenantId, buyerTenantId], 'invoice', id);
    if (!change) return;
    await noteAuditTenant(sellerTenantId);
    await this.scope.requireToChange(
      principal,
      sellerTenantId,
      `invoice ${JSON.stringify(id)}: only its seller's side may change it`,
    );
  }
}
