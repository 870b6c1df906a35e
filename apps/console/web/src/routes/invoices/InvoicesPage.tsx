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
  const [status, setStatus] = useState(InvoiceStatus.UNSPECIFIED);
  const [number, setNumber] = useState('');
  const [numberInput, setNumberInput] = useState('');
  const [pageSize] = useState(pageSizeFromAddress);
  // The page tokens that led to this page (its own last; [] on the first page), kept
  // only for the filter they were issued for: any other filter starts at page 1.
  const filter = [id, side, status, number, period.start.getTime()].join('|');
  const [paging, setPaging] = useState({ filter, tokens: [] as string[] });
  const tokens = paging.filter === filter ? paging.tokens : [];
  const setTokens = (next: string[]) => setPaging({ filter, tokens: next });
  const pageToken = tokens[tokens.length - 1] ?? '';
  const list = useInvoicePage({ tenantId: id, side, status, period, number, pageSize, pageToken });
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
            onClick={() => setTokens(tokens.slice(0, -1))}
          >
            Previous page
          </button>
          <span data-testid="invoice-page">Page {tokens.length + 1}</span>
          <button
            type="button"
            disabled={!list.data.nextPageToken}
            onClick={() => setTokens([...tokens, list.data.nextPageToken])}
          >
            Next page
          </button>
        </nav>
      )}
    </>
  );
}
