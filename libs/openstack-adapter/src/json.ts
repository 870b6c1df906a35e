import { Dec, formatDecimal, isDecimalString } from '@cascade/money';

/** A parsed JSON object; notification fields are read through the helpers below, never cast. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(source: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = source?.[key];
  return isObject(value) ? value : undefined;
}

/** A non-empty string field; OpenStack writes "" for "unset" as often as null. */
export function textAt(source: JsonObject | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A non-negative amount (JSON number or decimal string) as a canonical decimal string. */
export function amountAt(source: JsonObject | undefined, key: string): string | undefined {
  const value = source?.[key];
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    return formatDecimal(new Dec(value));
  if (typeof value === 'string' && isDecimalString(value) && !value.startsWith('-'))
    return formatDecimal(new Dec(value));
  return undefined;
}

/** Nova's versioned objects wrap their fields in "nova_object.data"; legacy payloads do not. */
export function novaData(value: unknown): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const data = value['nova_object.data'];
  return isObject(data) ? data : value;
}
