import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Role } from '@cascade/contracts';
import { Empty, Loaded, ProblemView } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { instant } from '../../format/period';
import { useCreateKey, useKeys, useRevokeKey } from './use-keys';

/** The node's API keys: create (the secret is shown this once), list, revoke. */
export function KeysPage() {
  const { id = '' } = useParams();
  const [showRevoked, setShowRevoked] = useState(false);
  const keys = useKeys(id, showRevoked);
  const create = useCreateKey(id, keys.reload);
  const revoke = useRevokeKey(keys.reload);
  const [name, setName] = useState('');
  const [role, setRole] = useState(Role.VIEWER);
  const [secret, setSecret] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.run(name.trim(), role);
    if (created) {
      setSecret(created.secret);
      setName('');
    }
  };
  return (
    <>
      <h1>API keys</h1>
      <form onSubmit={submit} className="inline-form" aria-labelledby="new-key-title">
        <h2 id="new-key-title">New key</h2>
        <label htmlFor="key-name">Name</label>
        <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="key-role">Role</label>
        <select id="key-role" value={role} onChange={(e) => setRole(Number(e.target.value))}>
          <option value={Role.ADMIN}>Admin</option>
          <option value={Role.VIEWER}>Viewer</option>
          <option value={Role.INGEST}>Ingest</option>
        </select>
        <button type="submit" disabled={create.running}>
          Create key
        </button>
      </form>
      {create.problem && <ProblemView problem={create.problem} what="Key refused" />}
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this key now: it is shown this once and never again.</strong>
          </p>
          <code data-testid="new-secret">{secret}</code>
          <button type="button" onClick={() => setSecret('')}>
            I have copied it
          </button>
        </div>
      )}
      <div className="field inline check">
        <input
          id="show-revoked"
          type="checkbox"
          checked={showRevoked}
          onChange={(e) => setShowRevoked(e.target.checked)}
        />
        <label htmlFor="show-revoked">Show revoked keys</label>
      </div>
      {revoke.problem && <ProblemView problem={revoke.problem} what="Revocation refused" />}
      <Loaded state={keys} what="API keys">
        {({ apiKeys }) =>
          apiKeys.length === 0 ? (
            <Empty>No keys for this tenant.</Empty>
          ) : (
            <Table label="API keys" head={['Name', 'Role', 'Created', 'Revoked', '']}>
              {apiKeys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{enumLabel(Role, k.role)}</td>
                  <td>{k.createTime ? instant(timestampDate(k.createTime)) : '—'}</td>
                  <td>{k.revokeTime ? instant(timestampDate(k.revokeTime)) : 'active'}</td>
                  <td>
                    {!k.revokeTime && (
                      <button
                        type="button"
                        onClick={() => void revoke.run(k.id)}
                        disabled={revoke.running}
                      >
                        Revoke {k.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}
