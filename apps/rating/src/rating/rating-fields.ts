import { invalidArgument } from '@cascade/platform';

// Ids in rating requests, as given (untrimmed): bounded, and required where they must be.

export function optionalText(value: string, field: string): string {
  if (value.length > 255) throw invalidArgument(field, 'must be at most 255 characters');
  return value;
}

export function requiredText(value: string, field: string): string {
  if (!value) throw invalidArgument(field, 'is required');
  return optionalText(value, field);
}
