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
import { pageSizeFromAddress, useInvoicePage, type Side } from './use-invoices';

const STATUSES = [
  InvoiceStatus.DRAFT,
  InvoiceStatus.FINALIZED,
  InvoiceStatus.PAID,
  InvoiceStatus.VOID,
  InvoiceStatus.DISCARDED,
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
  const [status, setStatusOnly] = useState(InvoiceStatus.UNSPECIFIED);
  const [number, setNumberOnly] = useState('');
  const [numberInput, setNumberInput] = useState('');
  // The tokens of the pages before this one, so Previous can go back; [] on the first page.
  const [tokens, setTokens] = useState<string[]>([]);
  const [pageSize] = useState(pageSizeFromAddress);
  const pageToken = tokens[tokens.length - 1] ?? '';
  const list = useInvoicePage({ tenantId: id, side, status, period, number, pageSize, pageToken });
  // Any filter change starts again at the first page.
  const refilter =
    <A,>(set: (value: A) => void) =>
    (value: A) => (set(value), setTokens([]));
  const setStatus = refilter(setStatusOnly);
  const setNumber = refilter(setNumberOnly);
  const chooseSide = refilter(setSide);
  const names = namesOf(children.status === 'ok' ? children.data.tenants : []);
  return (
    <>
      <h1>Invoices</h1>
      <div className="controls">
        <span className="field inline">
          <label htmlFor="side">Which invoices</label>
          <select id="side" value={side} onChange={(e) => chooseSide(e.target.value as Side)}>
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
        <form
          className="field inline"
          onSubmit={(e) => {
            e.preventDefault();
            setNumber(numberInput.trim());
          }}
        >
          <label htmlFor="invoice-number">Invoice number</label>
          <input
            id="invoice-number"
            value={numberInput}
            onChange={(e) => setNumberInput(e.target.value)}
          />
          <button type="submit">Filter</button>
        </form>
      </div>
      <Loaded state={list} what="Invoices">
        {({ invoices }) =>
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
      {list.status === 'ok' && (tokens.length > 0 || list.data.nextPageToken) && (
        <nav aria-label="Pages of invoices" className="buttons">
          <button
            type="button"
            disabled={tokens.length === 0}
            onClick={() => setTokens((t) => t.slice(0, -1))}
          >
            Previous page
          </button>
          <span data-testid="invoice-page">Page {tokens.length + 1}</span>
          <button
            type="button"
            disabled={!list.data.nextPageToken}
            onClick={() => setTokens((t) => [...t, list.data.nextPageToken])}
          >
            Next page
          </button>
        </nav>
      )}
    </>
  );
}
