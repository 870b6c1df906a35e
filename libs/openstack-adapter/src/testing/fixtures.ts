import * as fs from 'node:fs';
import * as path from 'node:path';

/** shared/ sits beside the repository (CI clones it there too), never inside it. */
export const FIXTURES = path.resolve(__dirname, '../../../..', '../shared/fixtures/external');

export function fixtureText(relative: string): string {
  return fs.readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export function fixtureJson(relative: string): Record<string, unknown> {
  return JSON.parse(fixtureText(relative)) as Record<string, unknown>;
}

/**
 * A real notification with the envelope fields a test controls: the
 * versioned Nova samples have no timestamp or message_id, and the Cinder
 * ones carry the sentinel "__NOW__"; oslo would set both on the wire.
 */
export function stamped(
  message: Record<string, unknown>,
  fields: { timestamp?: string; messageId?: string },
): Record<string, unknown> {
  return {
    ...message,
    ...(fields.timestamp !== undefined ? { timestamp: fields.timestamp } : {}),
    ...(fields.messageId !== undefined ? { message_id: fields.messageId } : {}),
  };
}

/** The oslo.messaging 2.0 envelope, as the messagingv2 driver publishes it. */
export function envelope(message: Record<string, unknown>): string {
  return JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(message) });
}

/** "2026-03-01T10:00:00Z" → oslo's own format "2026-03-01 10:00:00.000000". */
export function osloTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '000');
}
