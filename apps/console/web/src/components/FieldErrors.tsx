import { errorsFor, type FieldError } from '../api/errors';

/** The API's reasons for one form field, placed under it (the id links it to its input). */
export function FieldErrors({
  id,
  fields,
  field,
}: {
  id: string;
  fields: readonly FieldError[];
  field: string;
}) {
  const mine = errorsFor(fields, field);
  if (mine.length === 0) return null;
  return (
    <ul id={id} className="field-error" data-field={field}>
      {mine.map((f) => (
        <li key={f.field + f.reason}>
          {f.field}: {f.reason}
        </li>
      ))}
    </ul>
  );
}
