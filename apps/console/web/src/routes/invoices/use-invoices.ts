import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { InvoiceStatus } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import type { Period } from '../../format/period';

export type Side = 'seller' | 'buyer';

export interface InvoiceFilter {
  tenantId: string;
  side: Side;
  status: InvoiceStatus;
  period: Period;
  /** Exact invoice number as printed; empty: any. */
  number: string;
  pageSize: number;
  /** Empty: the first page. */
  pageToken: string;
}

/**
 * One page of the invoices a node issued (seller) or received (buyer), filtered by the
 * service (period, status, number); `nextPageToken` is empty on the last page.
 */
export function useInvoicePage(f: InvoiceFilter) {
  return useCall(
    (signal) =>
      clients.invoices.listInvoices(
        {
          [f.side === 'seller' ? 'sellerTenantId' : 'buyerTenantId']: f.tenantId,
          periodStart: timestampFromDate(f.period.start),
          periodEnd: timestampFromDate(f.period.end),
          status: f.status,
          number: f.number,
          pageSize: f.pageSize,
          pageToken: f.pageToken,
        },
        { signal },
      ),
    [f.tenantId, f.side, f.status, f.number, f.pageSize, f.pageToken, f.period.start.getTime()],
  );
}

/** ?pageSize=N in the address (1 to 1,000), else 25: a list can be linked at its page size. */
export function pageSizeFromAddress(): number {
  const asked = Number(new URLSearchParams(window.location.search).get('pageSize'));
  return Number.isInteger(asked) && asked >= 1 && asked <= 1000 ? asked : 25;
}
