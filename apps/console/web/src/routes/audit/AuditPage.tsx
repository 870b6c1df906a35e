import { useState } from 'react';
import { useParams } from 'react-router';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { clients } from '../../api/clients';
import { useCall } from '../../api/use-call';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { instant } from '../../format/period';

type Service = keyof typeof clients.audit;

/** The audit log of the subtree, per service (each keeps its own), newest first. */
export function AuditPage() {
  const { id = '' } = useParams();
  const [service, setService] = useState<Service>('metering');
  const events = useCall(
    (signal) => clients.audit[service].listAuditEvents({ tenantId: id, pageSize: 100 }, { signal }),
    [id, service],
  );
  return (
    <>
      <h1>Audit log</h1>
      <div className="field inline">
        <label htmlFor="audit-service">Service</label>
        <select
          id="audit-service"
          value={service}
          onChange={(e) => setService(e.target.value as Service)}
        >
          <option value="metering">Metering (tenants, keys, usage)</option>
          <option value="rating">Rating (plans)</option>
          <option value="invoicing">Invoicing (invoices, billing)</option>
        </select>
      </div>
      <Loaded state={events} what="Audit log">
        {({ events: list }) =>
          list.length === 0 ? (
            <Empty>Nothing recorded for this subtree.</Empty>
          ) : (
            <Table label="Audit events" head={['Time', 'Call', 'Actor', 'Outcome', 'Request']}>
              {list.map((e) => (
                <tr key={e.id}>
                  <td>{e.time ? instant(timestampDate(e.time)) : '—'}</td>
                  <td>{e.rpc.split('/').pop()}</td>
                  <td>
                    {e.actorKind === 'api_key'
                      ? `key ${e.actorKeyId.slice(0, 8)} (${e.actorRole})`
                      : e.actorKind}
                  </td>
                  <td>{e.outcome}</td>
                  <td className="details">{e.details}</td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}
