import type { DescField, DescMessage } from '@bufbuild/protobuf';

/**
 * protobuf-es explains a JSON request it cannot decode in its own terms
 * ("cannot decode enum cascade.metering.v1.TenantStatus from JSON: …"); the
 * API's errors name the field first ("status: …"). The message rewritten so,
 * or undefined when it is not one of these.
 */
export function namedJsonDecodeError(message: string, input: DescMessage): string | undefined {
  const unknownKey = /^cannot decode message (\S+) from JSON: key "(.*)" is unknown$/.exec(message);
  if (unknownKey) return `${unknownKey[2]}: no such field in ${unknownKey[1]}`;
  const badEnum = /^cannot decode enum (\S+) from JSON: (.*)$/.exec(message);
  if (badEnum) {
    const fields = enumFieldPaths(input, badEnum[1]);
    const field = fields.length > 0 ? fields.join(' or ') : badEnum[1];
    return `${field}: ${badEnum[2]} is not a ${badEnum[1]} value`;
  }
  const badWellKnown = /^cannot decode message (google\.protobuf\.\w+) from JSON: (.*)$/.exec(
    message,
  );
  if (badWellKnown) {
    const fields = fieldPaths(input, (field) => messageOf(field) === badWellKnown[1]);
    const field = fields.length > 0 ? fields.join(' or ') : badWellKnown[1];
    return `${field}: ${WELL_KNOWN_REASONS[badWellKnown[1]] ?? `cannot be decoded from JSON: ${badWellKnown[2]}`}`;
  }
  const badField = /^cannot decode field \S+?\.(\w+) from JSON: (.*)$/.exec(message);
  if (badField) return `${badField[1]}: cannot be decoded from JSON: ${badField[2]}`;
  return undefined;
}

/** What a well-known type's JSON form is, for the message naming a field that is not one. */
const WELL_KNOWN_REASONS: Record<string, string> = {
  'google.protobuf.Timestamp': 'not an RFC 3339 timestamp',
  'google.protobuf.FieldMask': 'not a field mask (a string of comma-separated field paths)',
};

function messageOf(field: DescField): string | undefined {
  return nestedMessage(field)?.typeName;
}

function nestedMessage(field: DescField): DescMessage | undefined {
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  if (field.fieldKind === 'map' && field.mapKind === 'message') return field.message;
  return undefined;
}

function enumOf(field: DescField): string | undefined {
  if (field.fieldKind === 'enum') return field.enum.typeName;
  if (field.fieldKind === 'list' && field.listKind === 'enum') return field.enum.typeName;
  if (field.fieldKind === 'map' && field.mapKind === 'enum') return field.enum.typeName;
  return undefined;
}

/** Every field of the request (nested ones as "a.b") whose type is the enum. */
function enumFieldPaths(message: DescMessage, enumName: string): string[] {
  return fieldPaths(message, (field) => enumOf(field) === enumName);
}

/**
 * Every field of the request (nested ones as "a.b") that matches. protobuf-es names
 * the type, not the field, it failed on: when several fields have that type, all are
 * named ("period_start or period_end").
 */
function fieldPaths(
  message: DescMessage,
  matches: (field: DescField) => boolean,
  prefix = '',
  depth = 0,
): string[] {
  if (depth > 8) return [];
  return message.fields.flatMap((field) => {
    const path = `${prefix}${field.name}`;
    if (matches(field)) return [path];
    const nested = nestedMessage(field);
    return nested && !nested.typeName.startsWith('google.protobuf.')
      ? fieldPaths(nested, matches, `${path}.`, depth + 1)
      : [];
  });
}
