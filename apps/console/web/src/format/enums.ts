/** A generated enum's value as a person reads it: InvoiceStatus.FINALIZED → "Finalized". */
export function enumLabel(names: Record<number, string>, value: number): string {
  const name = names[value] ?? String(value);
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}
