import { JsonObject, textAt } from './json';
import type { Notification } from './notification';
import { parseOsloTime } from './oslo-time';

/**
 * When a change happened, by one rule for every event (README "Timestamps"):
 * 1. the notification's own `timestamp` (oslo sets it on every message it sends);
 * 2. else the first payload time present among `payloadFields`;
 * 3. else `receivedAt`, the moment the adapter received the message.
 * A time that is present but unreadable makes the message malformed rather
 * than silently falling through to a later, wrong time.
 */
export function eventTime(
  notification: Notification,
  payload: JsonObject,
  payloadFields: readonly string[],
  receivedAt: Date,
): Date | string {
  if (notification.timestamp !== undefined) {
    return (
      parseOsloTime(notification.timestamp) ??
      `timestamp: unreadable ${JSON.stringify(notification.timestamp)}`
    );
  }
  for (const field of payloadFields) {
    const value = textAt(payload, field);
    if (value === undefined) continue;
    return parseOsloTime(value) ?? `payload.${field}: unreadable time ${JSON.stringify(value)}`;
  }
  return receivedAt;
}
