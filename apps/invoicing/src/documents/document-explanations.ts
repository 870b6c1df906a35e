import { Inject, Injectable } from '@nestjs/common';
import { Contribution, DocumentInvoice, LineExplanation } from '@cascade/invoice-documents';
import { toTimestamp } from '@cascade/platform';
import { peerFailure, RATING_CLIENT, RatingClient } from '../billing/peers';
import { DocumentParties } from './document-parties';

/** The transparency appendix: each usage line's quantity per child tenant and per resource (rating's ExplainLine). */
@Injectable()
export class DocumentExplanations {
  constructor(
    @Inject(RATING_CLIENT) private readonly rating: RatingClient,
    private readonly parties: DocumentParties,
  ) {}

  async explain(
    invoice: DocumentInvoice,
    sellerTenantId: string,
    buyerTenantId: string,
  ): Promise<LineExplanation[]> {
    const names = new Map<string, Promise<string>>();
    const nameOf = (tenantId: string) => {
      if (!names.has(tenantId))
        names.set(
          tenantId,
          this.parties.party(tenantId).then((p) => p.name),
        );
      return names.get(tenantId)!;
    };
    const explanations: LineExplanation[] = [];
    for (const line of invoice.lines) {
      if (line.kind !== 'USAGE' || !line.from || !line.to) continue;
      const answer = await this.rating
        .explainLine({
          buyerTenantId,
          sellerTenantId,
          meterCode: line.meterCode,
          from: toTimestamp(line.from),
          to: toTimestamp(line.to),
        })
        .catch((error: unknown) => {
          throw peerFailure('rating ExplainLine', error);
        });
      const byTenant: Contribution[] = [];
      for (const c of answer.byTenant)
        byTenant.push({ key: c.key, name: await nameOf(c.key), quantity: c.quantity });
      explanations.push({
        lineNumber: line.number,
        quantity: answer.quantity,
        unit: answer.unit || line.unit,
        byTenant,
        byResource: answer.byResource.map((c) => ({ key: c.key, name: '', quantity: c.quantity })),
      });
    }
    return explanations;
  }
}
