import { UnpricedReason, type BillingRun, type UnpricedUsage } from '@cascade/contracts';
import { Quantity } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { useTenantNames } from '../../hooks/tenant-names';
import { useRunUnpriced } from './use-run-unpriced';

/** The latest run's unpriced usage, as an alert: a buyer billed nothing for usage must be seen. */
export function RunUnpriced({ run }: { run: BillingRun }) {
  const unpriced = useRunUnpriced(run);
  return (
    <section aria-labelledby="run-unpriced-title">
      <h2 id="run-unpriced-title">Unpriced usage of the latest run</h2>
      <Loaded state={unpriced} what="Unpriced usage">
        {(usage) =>
          usage.length === 0 ? <Empty>Everything was priced.</Empty> : <List usage={usage} />
        }
      </Loaded>
    </section>
  );
}

function List({ usage }: { usage: UnpricedUsage[] }) {
  const names = useTenantNames(usage.flatMap((u) => [u.sellerTenantId, u.buyerTenantId]));
  return (
    <div className="alert" role="alert">
      <strong>{usage.length} usage line(s) were billed without a price:</strong>
      <Table label="Unpriced usage" head={['Seller', 'Buyer', 'Meter', 'Quantity', 'Why']}>
        {usage.map((u, i) => (
          <tr key={i}>
            <td>{names.get(u.sellerTenantId) ?? u.sellerTenantId}</td>
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
  );
}
