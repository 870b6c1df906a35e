import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { InvoiceStatus } from '@cascade/contracts';
import { Money } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { usePeriod } from '../../components/PeriodContext';
import { enumLabel } from '../../format/enums';
import { day } from '../../format/period';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { namesOf, useChildren } from '../../hooks/tenants';
import { useInvoiceList, type Side } from './use-invoices';

const STATUSES = [
  InvoiceStatus.DRAFT,
  InvoiceStatus.FINALIZED,
  InvoiceStatus.PAID,
  InvoiceStatus.VOID,
];

/** What the node billed its buyers, and what its seller billed it: filters by period, status and side. */
export function InvoicesPage() {
  const { id = '' } = useParams();
  const { period } = usePeriod();
  const children = useChildren(id);
  const [chosen, setSide] = useState<Side | undefined>();
  // A tenant without buyers (a customer) opens on what it received.
  const childless = children.status === 'ok' && children.data.tenants.length === 0;
  const side = chosen ?? (childless ? 'buyer' : 'seller');
  const [status, setStatus] = useState(InvoiceStatus.UNSPECIFIED);
  const list = useInvoiceList({ tenantId: id, side, status, period });
  const names = namesOf(children.status === 'ok' ? children.data.tenants : []);
  return (
    <>
      <h1>Invoices</h1>
      <div className="controls">
        <span className="field inline">
          <label htmlFor="side">Which invoices</label>
          <select id="side" value={side} onChange={(e) => setSide(e.target.value as Side)}>
            <option value="seller">issued to buyers</option>
            <option value="buyer">received from the seller</option>
          </select>
        </span>
        <span className="field inline">
          <label htmlFor="status">Status</label>
          <select id="status" value={status} onChange={(e) => setStatus(Number(e.target.value))}>
            <option value={InvoiceStatus.UNSPECIFIED}>Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel(InvoiceStatus, s)}
              </option>
            ))}
          </select>
        </span>
      </div>
      <Loaded state={list} what="Invoices">
        {(invoices) =>
          invoices.length === 0 ? (
            <Empty>No invoices for this period and filter.</Empty>
          ) : (
            <Table
              label="Invoices"
              head={[
                'Number',
                side === 'seller' ? 'Buyer' : 'Seller',
                'Period',
                'Status',
                'Total',
                'Amount due',
              ]}
            >
              {invoices.map((inv) => {
                const other = side === 'seller' ? inv.buyerTenantId : inv.sellerTenantId;
                return (
                  <tr key={inv.id}>
                    <td>
                      <Link to={`/invoices/${inv.id}`}>{inv.number || 'Draft'}</Link>
                    </td>
                    <td>{names.get(other) ?? (side === 'buyer' ? 'Your seller' : other)}</td>
                    <td>{inv.periodStart ? day(timestampDate(inv.periodStart)) : '—'}</td>
                    <td>{enumLabel(InvoiceStatus, inv.status)}</td>
                    <td>
                      <Money amount={inv.total} currency={inv.currency} />
                    </td>
                    <td>
                      <Money amount={inv.amountDue} currency={inv.currency} />
                    </td>
                  </tr>
                );
              })}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}
