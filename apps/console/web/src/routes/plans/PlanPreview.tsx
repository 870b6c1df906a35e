import { useState } from 'react';
import type { PlanRequest } from './plan-draft';
import { Money, Quantity } from '../../components/Money';
import { ProblemView } from '../../components/States';
import { Table } from '../../components/Table';
import { usePeriod } from '../../components/PeriodContext';
import { usePreviewPlan } from './use-plans';

/** Before saving: what a buyer's period would cost under this plan (PreviewPlan, nothing written). */
export function PlanPreview({
  buyers,
  plan,
}: {
  buyers: { id: string; name: string }[];
  plan: () => PlanRequest;
}) {
  const { period, month } = usePeriod();
  const [buyer, setBuyer] = useState(buyers[0]?.id ?? '');
  const preview = usePreviewPlan();
  const [result, setResult] = useState<Awaited<ReturnType<typeof preview.run>>>();
  if (buyers.length === 0) return null;
  const run = async () => setResult(await preview.run(buyer, period, plan()));
  return (
    <fieldset className="preview">
      <legend>Preview on a buyer's {month}</legend>
      <label htmlFor="preview-buyer">Buyer</label>
      <select id="preview-buyer" value={buyer} onChange={(e) => setBuyer(e.target.value)}>
        {buyers.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void run()} disabled={preview.running}>
        Preview
      </button>
      {preview.problem && <ProblemView problem={preview.problem} what="Preview" />}
      {result && (
        <Table label="Preview lines" head={['Meter', 'Quantity', 'Amount']}>
          {result.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.meterCode}</td>
              <td>
                <Quantity value={l.quantity} />
              </td>
              <td>
                <Money amount={l.amount} currency={result.currency} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </fieldset>
  );
}
