import { Link } from 'react-router';
import { TenantKind, type Tenant } from '@cascade/contracts';
import { enumLabel } from '../../format/enums';
import { useBreadcrumbs } from '../../hooks/tenants';

/** Provider › Distributor › Reseller › … › this node, each a link. */
export function Breadcrumbs({ tenant }: { tenant: Tenant }) {
  const crumbs = useBreadcrumbs(tenant);
  const ancestors = crumbs.status === 'ok' ? crumbs.data : [];
  return (
    <nav aria-label="Breadcrumbs" className="crumbs">
      <ol>
        {ancestors.map((t) => (
          <li key={t.id}>
            <Link to={`/tenants/${t.id}`}>{t.name}</Link>
            <span className="kind"> ({enumLabel(TenantKind, t.kind)})</span>
          </li>
        ))}
        <li aria-current="page">
          {tenant.name}
          <span className="kind"> ({enumLabel(TenantKind, tenant.kind)})</span>
        </li>
      </ol>
    </nav>
  );
}
