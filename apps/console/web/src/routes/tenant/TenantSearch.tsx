import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { clients } from '../../api/clients';
import { useAction } from '../../api/use-call';
import { ProblemView } from '../../components/States';

/** Finds a tenant of the subtree by its external_ref (the id people type) and opens it. */
export function TenantSearch() {
  const navigate = useNavigate();
  const [ref, setRef] = useState('');
  const find = useAction((externalRef: string) => clients.tenants.getTenant({ externalRef }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const tenant = await find.run(ref.trim());
    if (tenant) navigate(`/tenants/${tenant.id}`);
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="find-ref">Find a tenant by external ref</label>
      <input id="find-ref" value={ref} onChange={(e) => setRef(e.target.value)} required />
      <button type="submit" disabled={find.running}>
        Find
      </button>
      {find.problem && <ProblemView problem={find.problem} what="Search" />}
    </form>
  );
}
