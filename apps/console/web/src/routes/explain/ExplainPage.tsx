import { Link, useParams } from 'react-router';
import type { RelatedLine } from '@cascade/contracts';
import { Money, Quantity } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { namesOf, useChildren } from '../../hooks/tenants';
import { useExplanation, type Explanation } from './use-explanation';

/** From an invoice line to the child tenants and resources whose usage made its quantity. */
export function ExplainPage() {
  const { id = '', line = '' } = useParams();
  const explanation = useExplanation(id, Number(line));
  return (
    <>
      <h1>Line {line} explained</h1>
      <p>
        <Link to={`/invoices/${id}`}>Back to the invoice</Link>
      </p>
      <Loaded state={explanation} what="Explanation">
        {(e) => <ExplanationView e={e} />}
      </Loaded>
    </>
  );
}

function ExplanationView({ e }: { e: Explanation }) {
  const children = useChildren(e.buyerTenantId);
  const names = namesOf(children.status === 'ok' ? children.data.tenants : []);
  // The buyer's own consumption is not resale: said so next to its name.
  const tenantName = (key: string, name: string) =>
    key === e.buyerTenantId ? `${name || 'The buyer'} (own use)` : name || (names.get(key) ?? key);
  return (
    <>
      <p>
        {e.line.description || e.line.meterCode}:{' '}
        <strong data-testid="explained-quantity">
          <Quantity value={e.quantity} unit={e.unit} />
        </strong>{' '}
        billed <Money amount={e.line.amount} currency={e.currency} />
      </p>
      <h2>By tenant</h2>
      {e.byTenant.length === 0 ? (
        <Empty>No tenant contributed.</Empty>
      ) : (
        <Table label="Contributions by tenant" head={['Tenant', 'Quantity']}>
          {e.byTenant.map((c) => (
            <tr key={c.key}>
              <td>{tenantName(c.key, c.name)}</td>
              <td>
                <Quantity value={c.quantity} unit={e.unit} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>By resource</h2>
      {e.byResource.length === 0 ? (
        <Empty>No resource contributed.</Empty>
      ) : (
        <Table label="Contributions by resource" head={['Resource', 'Quantity']}>
          {e.byResource.map((c) => (
            <tr key={c.key}>
              <td>{c.name || c.key}</td>
              <td>
                <Quantity value={c.quantity} unit={e.unit} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Cost and resale side by side</h2>
      {e.sideBySide ? (
        <div className="side-by-side">
          <Related title="What the buyer paid its seller" lines={e.sideBySide.cost} />
          <Related title="What the buyer charged its buyers" lines={e.sideBySide.resale} />
        </div>
      ) : (
        <p className="state problem problem-unavailable" role="status">
          Cost and resale side by side: not available on this server yet.
        </p>
      )}
    </>
  );
}

function Related({ title, lines }: { title: string; lines: RelatedLine[] }) {
  return (
    <section>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <Table label={title} head={['Invoice', 'Quantity', 'Amount']}>
          {lines.map((r) => (
            <tr key={`${r.invoiceId}-${r.line?.lineNumber}`}>
              <td>
                <Link to={`/invoices/${r.invoiceId}`}>{r.invoiceNumber || 'Draft'}</Link>
              </td>
              <td>
                <Quantity value={r.line?.quantity ?? ''} unit={r.line?.unit} />
              </td>
              <td>{r.line?.amount ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
