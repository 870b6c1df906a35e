import { useState, type FormEvent } from 'react';
import { BillingModel } from '@cascade/contracts';
import type { FieldError } from '../../api/errors';
import { FieldErrors } from '../../components/FieldErrors';
import { ProblemView } from '../../components/States';
import { ChargeFields } from './ChargeFields';
import { emptyCharge, toCreatePlanRequest, type PlanDraft } from './plan-draft';
import { PlanPreview } from './PlanPreview';
import { useCreatePlan } from './use-plans';

interface Props {
  sellerTenantId: string;
  currency: string;
  meterCodes: string[];
  buyers: { id: string; name: string }[];
  onCreated(): void;
}

/** A new plan with any charge models; the API's refusal is shown on the field it names. */
export function PlanForm({ sellerTenantId, currency, meterCodes, buyers, onCreated }: Props) {
  const [draft, setDraft] = useState<PlanDraft>({
    code: '',
    name: '',
    currency,
    billingModel: BillingModel.PAYG,
    subscriptionFee: '',
    charges: [emptyCharge(meterCodes[0])],
  });
  const create = useCreatePlan(onCreated);
  const [created, setCreated] = useState('');
  const errors: readonly FieldError[] =
    create.problem?.kind === 'invalid' ? create.problem.fields : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated('');
    const plan = await create.run(toCreatePlanRequest(sellerTenantId, draft));
    if (plan) setCreated(`Plan ${plan.code} created (version ${plan.version}).`);
  };
  const field = (
    name: 'code' | 'name' | 'currency' | 'subscriptionFee',
    api: string,
    label: string,
  ) => {
    const invalid = errors.some((e) => e.field === api);
    return (
      <div className="field">
        <label htmlFor={`plan-${api}`}>{label}</label>
        <input
          id={`plan-${api}`}
          value={draft[name]}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `plan-${api}-error` : undefined}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
        <FieldErrors id={`plan-${api}-error`} fields={errors} field={api} />
      </div>
    );
  };
  return (
    <form onSubmit={submit} className="plan-form" aria-labelledby="new-plan-title" noValidate>
      <h2 id="new-plan-title">New plan</h2>
      {field('code', 'code', 'Code')}
      {field('name', 'name', 'Name')}
      {field('currency', 'currency', 'Currency')}
      <div className="field">
        <label htmlFor="plan-billing_model">Billing model</label>
        <select
          id="plan-billing_model"
          value={draft.billingModel}
          onChange={(e) => setDraft({ ...draft, billingModel: Number(e.target.value) })}
        >
          <option value={BillingModel.PAYG}>Pay as you go</option>
          <option value={BillingModel.SUBSCRIPTION}>Subscription</option>
        </select>
      </div>
      {draft.billingModel === BillingModel.SUBSCRIPTION &&
        field('subscriptionFee', 'subscription_fee', 'Subscription fee')}
      {draft.charges.map((c, i) => (
        <ChargeFields
          key={i}
          index={i}
          charge={c}
          meterCodes={meterCodes}
          errors={errors}
          onChange={(charge) =>
            setDraft({ ...draft, charges: draft.charges.map((x, k) => (k === i ? charge : x)) })
          }
          onRemove={() => setDraft({ ...draft, charges: draft.charges.filter((_, k) => k !== i) })}
        />
      ))}
      <button
        type="button"
        onClick={() =>
          setDraft({ ...draft, charges: [...draft.charges, emptyCharge(meterCodes[0])] })
        }
      >
        Add a charge
      </button>
      <FieldErrors
        id="plan-charges-error"
        fields={errors.filter((e) => e.field === 'charges')}
        field="charges"
      />
      {create.problem && <ProblemView problem={create.problem} what="Plan refused" />}
      {created && (
        <p className="state ok" role="status">
          {created}
        </p>
      )}
      <PlanPreview buyers={buyers} plan={() => toCreatePlanRequest(sellerTenantId, draft)} />
      <button type="submit" className="primary" disabled={create.running}>
        Create plan
      </button>
    </form>
  );
}
