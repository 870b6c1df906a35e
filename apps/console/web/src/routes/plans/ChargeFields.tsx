import { ChargeModel } from '@cascade/contracts';
import { errorsFor, type FieldError } from '../../api/errors';
import { FieldErrors } from '../../components/FieldErrors';
import { enumLabel } from '../../format/enums';
import { emptyTier, usesTiers, type ChargeDraft } from './plan-draft';

const MODELS = [
  ChargeModel.PER_UNIT,
  ChargeModel.GRADUATED,
  ChargeModel.VOLUME,
  ChargeModel.PACKAGE,
  ChargeModel.FLAT,
  ChargeModel.PERCENTAGE_MARKUP,
];

interface Props {
  index: number;
  charge: ChargeDraft;
  meterCodes: string[];
  errors: readonly FieldError[];
  onChange(charge: ChargeDraft): void;
  onRemove(): void;
}

/** One charge of a plan: its meter, its model and the fields that model takes. */
export function ChargeFields({ index, charge, meterCodes, errors, onChange, onRemove }: Props) {
  const at = `charges[${index}]`;
  const id = (name: string) => `charge-${index}-${name}`;
  const text = (name: keyof ChargeDraft, apiName: string, label: string) => {
    const invalid = errorsFor(errors, `${at}.${apiName}`).length > 0;
    return (
      <div className="field">
        <label htmlFor={id(apiName)}>{label}</label>
        <input
          id={id(apiName)}
          inputMode="decimal"
          value={charge[name] as string}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id(apiName)}-error` : undefined}
          onChange={(e) => onChange({ ...charge, [name]: e.target.value })}
        />
        <FieldErrors id={`${id(apiName)}-error`} fields={errors} field={`${at}.${apiName}`} />
      </div>
    );
  };
  const setTier = (j: number, name: 'upTo' | 'unitPrice' | 'flatFee', value: string) =>
    onChange({
      ...charge,
      tiers: charge.tiers.map((t, k) => (k === j ? { ...t, [name]: value } : t)),
    });
  return (
    <fieldset className="charge">
      <legend>Charge {index + 1}</legend>
      <div className="field">
        <label htmlFor={id('meter_code')}>Meter</label>
        <select
          id={id('meter_code')}
          value={charge.meterCode}
          onChange={(e) => onChange({ ...charge, meterCode: e.target.value })}
        >
          {meterCodes.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <FieldErrors id={`${id('meter_code')}-error`} fields={errors} field={`${at}.meter_code`} />
      </div>
      <div className="field">
        <label htmlFor={id('model')}>Charge model</label>
        <select
          id={id('model')}
          value={charge.model}
          onChange={(e) => onChange({ ...charge, model: Number(e.target.value) })}
        >
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {enumLabel(ChargeModel, m)}
            </option>
          ))}
        </select>
      </div>
      {charge.model === ChargeModel.PER_UNIT && text('unitPrice', 'unit_price', 'Unit price')}
      {usesTiers(charge.model) && (
        <fieldset className="tiers">
          <legend>Tiers</legend>
          {charge.tiers.map((t, j) => (
            <div className="tier-row" key={j}>
              {(['upTo', 'unitPrice', 'flatFee'] as const).map((name) => {
                const api = { upTo: 'up_to', unitPrice: 'unit_price', flatFee: 'flat_fee' }[name];
                const label = {
                  upTo: 'Up to (empty: open)',
                  unitPrice: 'Unit price',
                  flatFee: 'Flat fee',
                }[name];
                return (
                  <span className="field" key={name}>
                    <label htmlFor={id(`tier-${j}-${api}`)}>
                      Tier {j + 1} {label}
                    </label>
                    <input
                      id={id(`tier-${j}-${api}`)}
                      inputMode="decimal"
                      value={t[name]}
                      onChange={(e) => setTier(j, name, e.target.value)}
                    />
                  </span>
                );
              })}
              <button
                type="button"
                onClick={() =>
                  onChange({ ...charge, tiers: charge.tiers.filter((_, k) => k !== j) })
                }
              >
                Remove tier {j + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => onChange({ ...charge, tiers: [...charge.tiers, emptyTier()] })}
          >
            Add a tier
          </button>
          <FieldErrors id={`${id('tiers')}-error`} fields={errors} field={`${at}.tiers`} />
        </fieldset>
      )}
      {charge.model === ChargeModel.PACKAGE && (
        <>
          {text('packageSize', 'package_size', 'Package size')}
          {text('packagePrice', 'package_price', 'Package price')}
        </>
      )}
      {charge.model === ChargeModel.FLAT && text('flatAmount', 'flat_amount', 'Flat amount')}
      {charge.model === ChargeModel.PERCENTAGE_MARKUP &&
        text('markupPercent', 'markup_percent', 'Markup %')}
      {text('freeUnits', 'free_units', 'Free units')}
      {text('minimumAmount', 'minimum_amount', 'Minimum amount')}
      <button type="button" onClick={onRemove}>
        Remove charge {index + 1}
      </button>
    </fieldset>
  );
}
