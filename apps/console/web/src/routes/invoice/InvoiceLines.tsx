import { Link } from 'react-router';
import { LineKind, type Invoice } from '@cascade/contracts';
import { Money, Quantity } from '../../components/Money';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';

/** Every line with its tiers, then the totals; usage lines link to their explanation. */
export function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const c = invoice.currency;
  return (
    <>
      <Table
        label="Invoice lines"
        head={['#', 'Kind', 'Description', 'Quantity', 'Tiers', 'Amount', '']}
      >
        {invoice.lines.map((line, i) => {
          const number = line.lineNumber || i + 1;
          return (
            <tr key={number}>
              <td>{number}</td>
              <td>{enumLabel(LineKind, line.kind)}</td>
              <td>{line.description || line.meterName || line.meterCode}</td>
              <td>{line.quantity ? <Quantity value={line.quantity} unit={line.unit} /> : ''}</td>
              <td>
                {line.tiers.map((t, j) => (
                  <div key={j} className="tier">
                    <Quantity value={t.units} /> × {t.unitPrice}
                    {t.upTo ? ` (up to ${t.upTo})` : ''} = <Money amount={t.amount} currency={c} />
                  </div>
                ))}
              </td>
              <td>
                <Money amount={line.amount} currency={c} />
              </td>
              <td>
                {line.kind === LineKind.USAGE && (
                  <Link to={`/invoices/${invoice.id}/lines/${number}/explain`}>
                    Explain line {number}
                  </Link>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd>
          <Money amount={invoice.subtotal} currency={c} />
        </dd>
        <dt>Tax{invoice.taxRate ? ` (${invoice.taxRate})` : ''}</dt>
        <dd>
          <Money amount={invoice.tax} currency={c} />
        </dd>
        <dt>Total</dt>
        <dd data-testid="invoice-total">
          <Money amount={invoice.total} currency={c} />
        </dd>
        <dt>Credits applied</dt>
        <dd>
          <Money amount={invoice.creditsApplied} currency={c} />
        </dd>
        <dt>Amount due</dt>
        <dd data-testid="amount-due">
          <Money amount={invoice.amountDue} currency={c} />
        </dd>
      </dl>
    </>
  );
}
