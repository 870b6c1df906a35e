import { contentId } from '@cascade/plugin-sdk/domain';
import { isObject, JsonObject, textAt } from './json';

/** The fields of an oslo.messaging notification the adapter uses. */
export interface Notification {
  eventType: string;
  /** oslo's message_id, or the content hash of the message when it has none. */
  originId: string;
  /** oslo's `timestamp` string, when present. */
  timestamp?: string;
  payload: unknown;
  /** The legacy `_context_*` keys, without the prefix (project_id, tenant_id, ...). */
  context: JsonObject;
}

/**
 * Unwraps the oslo.messaging 2.0 envelope ({"oslo.version": "2.0",
 * "oslo.message": "<json>"}) or takes a bare message as it is. Returns the
 * notification, or the reason it is malformed.
 */
export function readNotification(body: string): Notification | string {
  const outer = parseJson(body);
  if (!isObject(outer)) return 'body: not a JSON object';
  let message = outer;
  let raw = body;
  if ('oslo.version' in outer || 'oslo.message' in outer) {
    if (outer['oslo.version'] !== '2.0')
      return `oslo.version: unsupported ${JSON.stringify(outer['oslo.version'])}`;
    const inner = outer['oslo.message'];
    if (typeof inner !== 'string') return 'oslo.message: not a string';
    const parsed = parseJson(inner);
    if (!isObject(parsed)) return 'oslo.message: not a JSON object';
    message = parsed;
    // Hash the message, not the envelope around it.
    raw = inner;
  }
  const eventType = textAt(message, 'event_type');
  if (!eventType) return 'event_type: missing';
  const context: JsonObject = {};
  for (const [key, value] of Object.entries(message)) {
    if (key.startsWith('_context_')) context[key.slice('_context_'.length)] = value;
  }
  return {
    eventType,
    originId: textAt(message, 'message_id') ?? contentId(raw),
    timestamp: textAt(message, 'timestamp'),
    payload: message['payload'],
    context,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
