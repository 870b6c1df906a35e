import { useState, type FormEvent } from 'react';
import type { Plan } from '@cascade/contracts';
import { ProblemView } from '../../components/States';
import { usePeriod } from '../../components/PeriodContext';
import { useAssignPlan } from './use-plans';

/** Puts a child on one of these plans from the start of the chosen month. */
export function AssignPlan({
  plans,
  buyers,
}: {
  plans: Plan[];
  buyers: { id: string; name: string }[];
}) {
  const { period, month } = usePeriod();
  const [buyer, setBuyer] = useState(buyers[0]?.id ?? '');
  const [plan, setPlan] = useState(plans[0]?.id ?? '');
  const [done, setDone] = useState('');
  const assign = useAssignPlan();
  if (buyers.length === 0 || plans.length === 0) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const a = await assign.run(buyer, plan, period.start);
    if (a) setDone(`Assigned from ${month}.`);
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="assign-title">
      <h2 id="assign-title">Assign a plan to a child</h2>
      <label htmlFor="assign-buyer">Child</label>
      <select id="assign-buyer" value={buyer} onChange={(e) => setBuyer(e.target.value)}>
        {buyers.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
      <label htmlFor="assign-plan">Plan</label>
      <select id="assign-plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code}
          </option>
        ))}
      </select>
      <button type="submit" disabled={assign.running}>
        Assign from {month}
      </button>
      {assign.problem && <ProblemView problem={assign.problem} what="Assignment refused" />}
      {done && (
        <p className="state ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
