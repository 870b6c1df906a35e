import { useParams } from 'react-router';
import { UnpricedReason, type MarginReport } from '@cascade/contracts';
import { Money, Quantity } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { usePeriod } from '../../components/PeriodContext';
import { enumLabel } from '../../format/enums';
import { namesOf, useChildren } from '../../hooks/tenants';
import { useMarginReport, useUnpriced } from './use-margins';

/** Revenue, cost and margin per buyer and per meter, own use apart from resale, unpriced usage flagged. */
export function MarginsPage() {
  const { id = '' } = useParams();
  const { period, month } = usePeriod();
  const report = useMarginReport(id, period);
  const unpriced = useUnpriced(id, period);
  const children = useChildren(id);
  const names = namesOf(children.status === 'ok' ? children.data.tenants : []);
  return (
    <>
      <h1>Margins in {month}</h1>
      <section aria-labelledby="unpriced-title">
        <h2 id="unpriced-title">Unpriced usage</h2>
        <Loaded state={unpriced} what="Unpriced usage">
          {({ usage }) =>
            usage.length === 0 ? (
              <Empty>Every buyer's usage is priced.</Empty>
            ) : (
              <div className="alert" role="alert">
                <strong>{usage.length} usage line(s) have no price:</strong>
                <Table label="Unpriced usage" head={['Buyer', 'Meter', 'Quantity', 'Why']}>
                  {usage.map((u, i) => (
                    <tr key={i}>
                      <td>{names.get(u.buyerTenantId) ?? u.buyerTenantId}</td>
                      <td>{u.meterCode}</td>
                      <td>
                        <Quantity value={u.quantity} unit={u.unit} />
                      </td>
                      <td>{enumLabel(UnpricedReason, u.reason)}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            )
          }
        </Loaded>
      </section>
      <Loaded state={report} what="Margin report">
        {(r) => <ReportView report={r} names={names} />}
      </Loaded>
    </>
  );
}

function ReportView({ report: r, names }: { report: MarginReport; names: Map<string, string> }) {
  const c = r.currency;
  return (
    <>
      <dl className="totals">
        <dt>Revenue from buyers</dt>
        <dd data-testid="revenue">
          <Money amount={r.revenue} currency={c} />
        </dd>
        <dt>Cost from the seller</dt>
        <dd data-testid="cost">
          <Money amount={r.cost} currency={c} />
        </dd>
        <dt>Margin</dt>
        <dd data-testid="margin">
          <Money amount={r.margin} currency={c} />
        </dd>
        {r.ownUseCost && (
          <>
            <dt>Cost of own use</dt>
            <dd>
              <Money amount={r.ownUseCost} currency={c} />
            </dd>
            <dt>Cost of resale</dt>
            <dd>
              <Money amount={r.resaleCost} currency={c} />
            </dd>
            <dt>Resale margin</dt>
            <dd>
              <Money amount={r.resaleMargin} currency={c} />
            </dd>
          </>
        )}
      </dl>
      <h2>Per buyer</h2>
      {r.buyers.length === 0 ? (
        <Empty>No buyer was billed in this period.</Empty>
      ) : (
        <Table label="Revenue per buyer" head={['Buyer', 'Revenue']}>
          {r.buyers.map((b) => (
            <tr key={b.tenantId}>
              <td>{names.get(b.tenantId) ?? b.tenantId}</td>
              <td>
                <Money amount={b.amount} currency={c} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Per meter</h2>
      {r.meters.length === 0 ? (
        <Empty>No metered lines in this period.</Empty>
      ) : (
        <Table
          label="Margin per meter"
          head={['Meter', 'Sold', 'Bought', 'Revenue', 'Cost', 'Margin', 'Own use']}
        >
          {r.meters.map((m) => (
            <tr key={m.meterCode}>
              <td>{m.meterCode}</td>
              <td>
                <Quantity value={m.revenueQuantity} />
              </td>
              <td>
                <Quantity value={m.costQuantity} />
              </td>
              <td>
                <Money amount={m.revenue} currency={c} />
              </td>
              <td>
                <Money amount={m.cost} currency={c} />
              </td>
              <td>
                <Money amount={m.margin} currency={c} />
              </td>
              <td>{m.ownUseQuantity ? <Quantity value={m.ownUseQuantity} /> : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
