import { Link } from 'react-router';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { TenantKind } from '@cascade/contracts';

/** The operator's start: every tree of the installation. */
export function RootsPage() {
  const roots = useCall(() => clients.tenants.listTenants({ pageSize: 100 }), []);
  return (
    <>
      <h1>All trees</h1>
      <Loaded state={roots} what="Trees">
        {({ tenants }) =>
          tenants.length === 0 ? (
            <Empty>No tenants yet: run npm run demo, or create a root with the API.</Empty>
          ) : (
            <Table label="Root tenants" head={['Name', 'External ref', 'Kind', 'Currency']}>
              {tenants.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/tenants/${t.id}`}>{t.name}</Link>
                  </td>
                  <td>{t.externalRef}</td>
                  <td>{enumLabel(TenantKind, t.kind)}</td>
                  <td>{t.currency}</td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}
