import { useParams } from 'react-router';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { InvoiceStatus, type Invoice } from '@cascade/contracts';
import { Money } from '../../components/Money';
import { Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { day } from '../../format/period';
import { canManage } from '../../session/access';
import { usePrincipal } from '../../session/SessionContext';
import { InvoiceActions } from './InvoiceActions';
import { InvoiceLines } from './InvoiceLines';
import { useCreditNotes, useInvoice, useSellerPath } from './use-invoice';

/** One invoice: header, every line tier by tier, totals, credit notes and what the key may do with it. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  return (
    <Loaded state={invoice} what="Invoice">
      {(inv) => <InvoiceView invoice={inv} reload={invoice.reload} />}
    </Loaded>
  );
}

function InvoiceView({ invoice, reload }: { invoice: Invoice; reload: () => void }) {
  const principal = usePrincipal();
  const seller = useSellerPath(invoice.sellerTenantId);
  const notes = useCreditNotes(invoice.id);
  const manage = seller.status === 'ok' && canManage(principal, seller.data);
  const period = (t: Invoice['periodStart']) => (t ? day(timestampDate(t)) : '—');
  return (
    <>
      <h1>Invoice {invoice.number || '(draft)'}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="invoice-status">{enumLabel(InvoiceStatus, invoice.status)}</dd>
        <dt>Period</dt>
        <dd>
          {period(invoice.periodStart)} – {period(invoice.periodEnd)}
        </dd>
        <dt>Currency</dt>
        <dd>{invoice.currency}</dd>
        {invoice.voidReason && (
          <>
            <dt>Void reason</dt>
            <dd>{invoice.voidReason}</dd>
          </>
        )}
      </dl>
      <InvoiceLines invoice={invoice} />
      <InvoiceActions
        invoice={invoice}
        canManage={manage}
        after={() => (reload(), notes.reload())}
      />
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">Credit notes</h2>
        <Loaded state={notes} what="Credit notes">
          {({ creditNotes }) =>
            creditNotes.length === 0 ? (
              <p className="state empty">No credit notes.</p>
            ) : (
              <Table label="Credit notes" head={['Number', 'Reason', 'Total']}>
                {creditNotes.map((n) => (
                  <tr key={n.id}>
                    <td>{n.number}</td>
                    <td>{n.reason}</td>
                    <td>
                      <Money amount={n.total} currency={n.currency} />
                    </td>
                  </tr>
                ))}
              </Table>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
