import { invalidArgument } from '@cascade/platform';

export function requireText(value: string, field: string, max = 255): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidArgument(field, 'is required');
  if (trimmed.length > max) throw invalidArgument(field, `must be at most ${max} characters`);
  return trimmed;
}
