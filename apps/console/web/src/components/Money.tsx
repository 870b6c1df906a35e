import { money, quantity } from '../format/money';

export function Money({ amount, currency }: { amount: string; currency: string }) {
  return <span className="num">{money(amount, currency)}</span>;
}

export function Quantity({ value, unit }: { value: string; unit?: string }) {
  return <span className="num">{quantity(value, unit)}</span>;
}
