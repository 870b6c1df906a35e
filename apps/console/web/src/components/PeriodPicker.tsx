import { useId } from 'react';

/** A month (UTC) as "YYYY-MM": the period every report and list is asked for. */
export function PeriodPicker({
  value,
  onChange,
  label = 'Period (month)',
}: {
  value: string;
  onChange: (month: string) => void;
  label?: string;
}) {
  const id = useId();
  return (
    <span className="field inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="month"
        value={value}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
    </span>
  );
}
