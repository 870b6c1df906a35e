import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { TenantKind, TenantStatus } from '@cascade/contracts';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { usePeriod } from '../../components/PeriodContext';
import { useChildren, useTenant, useTreeSummary } from '../../hooks/tenants';
import { Breadcrumbs } from './Breadcrumbs';
import { TenantSearch } from './TenantSearch';
import { TreeSummary } from './TreeSummary';

/**
 * One node of the tree: where it sits, its children (filterable by name), its subtree's usage.
 * The three calls start together (the id is in the URL): the level does not wait on the node.
 */
export function TenantPage() {
  const { id = '' } = useParams();
  const { period, month } = usePeriod();
  const tenant = useTenant(id);
  const children = useChildren(id);
  const summary = useTreeSummary(id, period);
  return (
    <Loaded state={tenant} what="Tenant">
      {(t) => (
        <>
          <Breadcrumbs tenant={t} />
          <h1>{t.name}</h1>
          <dl className="facts">
            <dt>External ref</dt>
            <dd>{t.externalRef}</dd>
            <dt>Kind</dt>
            <dd>{enumLabel(TenantKind, t.kind)}</dd>
            <dt>Currency</dt>
            <dd>{t.currency}</dd>
            <dt>Status</dt>
            <dd>{enumLabel(TenantStatus, t.status)}</dd>
          </dl>
          <TenantSearch />
          <Children children={children} />
          <TreeSummary summary={summary} month={month} />
        </>
      )}
    </Loaded>
  );
}

function Children({ children }: { children: ReturnType<typeof useChildren> }) {
  const [filter, setFilter] = useState('');
  return (
    <section aria-labelledby="children-title">
      <h2 id="children-title">Children</h2>
      <div className="field inline">
        <label htmlFor="child-filter">Filter by name or external ref</label>
        <input id="child-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <Loaded state={children} what="Children">
        {({ tenants }) => {
          const needle = filter.trim().toLowerCase();
          const shown = tenants.filter(
            (c) =>
              c.name.toLowerCase().includes(needle) || c.externalRef.toLowerCase().includes(needle),
          );
          if (tenants.length === 0)
            return <Empty>No children: this tenant buys for itself only.</Empty>;
          if (shown.length === 0) return <Empty>No child matches “{filter}”.</Empty>;
          return (
            <Table label="Children" head={['Name', 'External ref', 'Kind', 'Currency', 'Status']}>
              {shown.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/tenants/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.externalRef}</td>
                  <td>{enumLabel(TenantKind, c.kind)}</td>
                  <td>{c.currency}</td>
                  <td>{enumLabel(TenantStatus, c.status)}</td>
                </tr>
              ))}
            </Table>
          );
        }}
      </Loaded>
    </section>
  );
}
