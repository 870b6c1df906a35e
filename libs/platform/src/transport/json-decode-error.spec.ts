import { fromJson } from '@bufbuild/protobuf';
import type { DescMessage } from '@bufbuild/protobuf';
import {
  AssignPlanRequestSchema,
  ListBillingEdgesRequestSchema,
  SetBillingSettingsRequestSchema,
} from '@cascade/contracts';
import { namedJsonDecodeError } from './json-decode-error';

/** protobuf-es's own message for the JSON, renamed as the API answers it. */
function named(schema: DescMessage, json: Record<string, unknown>): string | undefined {
  try {
    fromJson(schema, json as never);
  } catch (error) {
    return namedJsonDecodeError((error as Error).message, schema);
  }
  return 'decoded';
}

const ROWS: { schema: DescMessage; json: Record<string, unknown>; message: string }[] = [
  {
    schema: AssignPlanRequestSchema,
    json: { effectiveFrom: 'yesterday' },
    message: 'effective_from: not an RFC 3339 timestamp',
  },
  {
    schema: AssignPlanRequestSchema,
    json: { effectiveFrom: 12 },
    message: 'effective_from: not an RFC 3339 timestamp',
  },
  {
    schema: ListBillingEdgesRequestSchema,
    json: { periodStart: '2026-13-01T00:00:00Z' },
    message: 'period_start or period_end: not an RFC 3339 timestamp',
  },
  {
    schema: SetBillingSettingsRequestSchema,
    json: { updateMask: 5 },
    message: 'update_mask: not a field mask (a string of comma-separated field paths)',
  },
  {
    schema: SetBillingSettingsRequestSchema,
    json: { anchor: 'BILLING_ANCHOR_LUNAR' },
    message: 'anchor: "BILLING_ANCHOR_LUNAR" is not a cascade.invoicing.v1.BillingAnchor value',
  },
  {
    schema: SetBillingSettingsRequestSchema,
    json: { taxrate: '0.25' },
    message: 'taxrate: no such field in cascade.invoicing.v1.SetBillingSettingsRequest',
  },
];

describe('JSON decode errors name the field', () => {
  it.each(ROWS)('$message', ({ schema, json, message }) => {
    expect(named(schema, json)).toBe(message);
  });
});
