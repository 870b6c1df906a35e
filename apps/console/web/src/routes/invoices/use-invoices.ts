import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { InvoiceStatus, type Invoice } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import type { Period } from '../../format/period';

export type Side = 'seller' | 'buyer';

export interface InvoiceFilter {
  tenantId: string;
  side: Side;
  status: InvoiceStatus;
  period: Period;
}

/**
 * The invoices a node issued (seller) or received (buyer) for the period and status.
 * The status is also applied here, so the list says what it claims even on a server that
 * does not filter by status yet.
 */
export function useInvoiceList(f: InvoiceFilter) {
  return useCall(
    async (signal): Promise<Invoice[]> => {
      const { invoices } = await clients.invoices.listInvoices(
        {
          [f.side === 'seller' ? 'sellerTenantId' : 'buyerTenantId']: f.tenantId,
          periodStart: timestampFromDate(f.period.start),
          periodEnd: timestampFromDate(f.period.end),
          status: f.status,
          pageSize: 100,
        },
        { signal },
      );
      return f.status === InvoiceStatus.UNSPECIFIED
        ? invoices
        : invoices.filter((i) => i.status === f.status);
    },
    [f.tenantId, f.side, f.status, f.period.start.getTime()],
  );
}
