import { useParams } from 'react-router';
import { BillingModel, ChargeModel, PlanStatus, type Tenant } from '@cascade/contracts';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { useChildren, useTenant } from '../../hooks/tenants';
import { canManage } from '../../session/access';
import { usePrincipal } from '../../session/SessionContext';
import { useMeters } from '../usage/use-usage';
import { AssignPlan } from './AssignPlan';
import { PlanForm } from './PlanForm';
import { usePlans } from './use-plans';

/** The plans this node sells to its children, their versions, and (for its admins) new ones. */
export function PlansPage() {
  const { id = '' } = useParams();
  const tenant = useTenant(id);
  return (
    <>
      <h1>Plans</h1>
      <Loaded state={tenant} what="Tenant">
        {(t) => <PlansOf tenant={t} />}
      </Loaded>
    </>
  );
}

function PlansOf({ tenant }: { tenant: Tenant }) {
  const principal = usePrincipal();
  const plans = usePlans(tenant.id);
  const meters = useMeters();
  const children = useChildren(tenant.id);
  const buyers =
    children.status === 'ok' ? children.data.tenants.map((c) => ({ id: c.id, name: c.name })) : [];
  const manage = canManage(principal, tenant.path);
  return (
    <>
      <Loaded state={plans} what="Plans">
        {({ plans: list }) => (
          <>
            {list.length === 0 ? (
              <Empty>{tenant.name} sells no plan yet.</Empty>
            ) : (
              <Table
                label="Plans"
                head={['Code', 'Name', 'Version', 'Billing', 'Charges', 'Status']}
              >
                {list.map((p) => (
                  <tr key={p.id}>
                    <td>{p.code}</td>
                    <td>{p.name}</td>
                    <td>{p.version}</td>
                    <td>
                      {p.billingModel === BillingModel.PAYG
                        ? 'Pay as you go'
                        : enumLabel(BillingModel, p.billingModel)}
                    </td>
                    <td>
                      {p.charges
                        .map((c) => `${c.meterCode} (${enumLabel(ChargeModel, c.model)})`)
                        .join(', ')}
                    </td>
                    <td>{enumLabel(PlanStatus, p.status)}</td>
                  </tr>
                ))}
              </Table>
            )}
            {manage && <AssignPlan plans={list} buyers={buyers} />}
          </>
        )}
      </Loaded>
      {manage && (
        <Loaded state={meters} what="Meters">
          {({ meters: m }) => (
            <PlanForm
              sellerTenantId={tenant.id}
              currency={tenant.currency}
              meterCodes={m.map((x) => x.code)}
              buyers={buyers}
              onCreated={plans.reload}
            />
          )}
        </Loaded>
      )}
    </>
  );
}
