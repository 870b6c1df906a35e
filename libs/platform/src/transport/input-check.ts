import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { invalidArgument } from '../errors';

/**
 * Text that no field may hold: NUL (PostgreSQL refuses it in text, SQL built
 * by drivers can be cut by it) and unpaired UTF-16 surrogates (not Unicode).
 */
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkValue(field: DescField, kind: string, value: unknown, at: string): void {
  if (kind === 'scalar' && typeof value === 'string' && FORBIDDEN.test(value))
    throw invalidArgument(at, 'must not contain NUL characters or unpaired surrogates');
  if (kind === 'message' && value && typeof value === 'object')
    checkMessage((field as { message: DescMessage }).message, value as Record<string, unknown>, at);
}

function checkMessage(schema: DescMessage, message: Record<string, unknown>, prefix: string): void {
  for (const field of schema.fields) {
    const value = message[field.localName];
    if (value === undefined || value === null) continue;
    const at = prefix ? `${prefix}.${field.name}` : field.name;
    switch (field.fieldKind) {
      case 'scalar':
      case 'message':
        checkValue(field, field.fieldKind, value, at);
        break;
      case 'list':
        (value as unknown[]).forEach((item, i) =>
          checkValue(field, field.listKind, item, `${at}[${i}]`),
        );
        break;
      case 'map':
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          if (FORBIDDEN.test(key))
            throw invalidArgument(
              at,
              'keys must not contain NUL characters or unpaired surrogates',
            );
          checkValue(field, field.mapKind, item, `${at}[${JSON.stringify(key)}]`);
        }
        break;
      case 'enum':
        break;
    }
  }
}

/**
 * Checks every string of a request before any handler sees it: INVALID_ARGUMENT
 * naming the field (proto names, e.g. "events[3].resource_id").
 */
export function checkRequestText(schema: DescMessage, message: unknown): void {
  if (message && typeof message === 'object')
    checkMessage(schema, message as Record<string, unknown>, '');
}

/** The same for each message of a client stream, as it is read. */
export async function* checkedStream<T>(
  schema: DescMessage,
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  for await (const message of source) {
    checkRequestText(schema, message);
    yield message;
  }
}
