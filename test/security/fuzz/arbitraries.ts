import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { ScalarType } from '@bufbuild/protobuf';
import fc from 'fast-check';

/** Values the fixtures hold, so that random requests also reach real tenants, plans, invoices. */
export interface KnownValues {
  ids: string[];
  words: string[];
}

const INT32_EDGES = [0, 1, -1, 2, 999, 1000, 1001, 10_000, 2_147_483_647, -2_147_483_648];

/** Strings that have broken parsers before: decimals, currencies, instants, paths, huge. */
function stringArbitrary(known: KnownValues): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known.ids, ...known.words) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '0',
        '-0',
        '1e400',
        '-1',
        '0.0000000000000000000000001',
        '12345678901234567890123456789012345678901234567890',
        'NaN',
        'Infinity',
        '1,5',
        '１',
        'USD',
        'usd',
        'XXX',
        'ZZZ',
        '/',
        '%',
        '_',
        "'; drop table tenant; --",
        '\u0000',
        '../../etc/passwd',
        '2026-13-45T99:99:99Z',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), 'y'.repeat(70_000)) },
  );
}

/** google.protobuf.Timestamp, from plausible to far outside its valid range. */
function timestampArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  const seconds = fc.oneof(
    fc.bigInt({ min: 1_750_000_000n, max: 1_850_000_000n }),
    fc.constantFrom(
      0n,
      -1n,
      -62_135_596_800n,
      -62_135_596_801n,
      253_402_300_799n,
      253_402_300_800n,
      9_007_199_254_740_993n,
      -9_223_372_036_854_775_808n,
      9_223_372_036_854_775_807n,
    ),
  );
  const nanos = fc.oneof(
    fc.integer({ min: 0, max: 999_999_999 }),
    fc.constantFrom(-1, 1_000_000_000, 2_147_483_647, -2_147_483_648),
  );
  return fc.record({ seconds, nanos }, { requiredKeys: [] });
}

function scalarArbitrary(
  field: { scalar: ScalarType; longAsString?: boolean },
  known: KnownValues,
) {
  switch (field.scalar) {
    case ScalarType.STRING:
      return stringArbitrary(known);
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return fc.oneof(fc.constantFrom(...INT32_EDGES), fc.integer());
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return fc.oneof(fc.constantFrom(0, 1, 4_294_967_295), fc.nat());
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64: {
      const value = fc.oneof(
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.constantFrom(0n, 1n, -1n),
      );
      return field.longAsString ? value.map(String) : value;
    }
    case ScalarType.UINT64:
    case ScalarType.FIXED64: {
      const value = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 1n));
      return field.longAsString ? value.map(String) : value;
    }
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return fc.double();
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 64 });
  }
}

function enumArbitrary(values: readonly { number: number }[]): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(...values.map((v) => v.number)),
    fc.integer({ min: -5, max: 99 }),
  );
}

function fieldArbitrary(
  field: DescField,
  known: KnownValues,
  depth: number,
): fc.Arbitrary<unknown> {
  const item = (kind: 'scalar' | 'enum' | 'message'): fc.Arbitrary<unknown> => {
    if (kind === 'scalar') return scalarArbitrary(field as never, known);
    if (kind === 'enum')
      return enumArbitrary((field as { enum: { values: { number: number }[] } }).enum.values);
    return messageArbitrary((field as { message: DescMessage }).message, known, depth + 1);
  };
  switch (field.fieldKind) {
    case 'scalar':
      return item('scalar');
    case 'enum':
      return item('enum');
    case 'message':
      return item('message');
    case 'list':
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(item(field.listKind), { maxLength: depth > 1 ? 1 : 4 }) },
        { weight: 1, arbitrary: fc.array(item(field.listKind), { minLength: 20, maxLength: 40 }) },
      );
    case 'map':
      return fc.dictionary(stringArbitrary(known), item(field.mapKind) as fc.Arbitrary<never>, {
        maxKeys: 4,
      });
  }
}

/** A random init object for any message: every field present or not, any value of its type. */
export function messageArbitrary(
  schema: DescMessage,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  if (schema.typeName === 'google.protobuf.Timestamp') return timestampArbitrary();
  if (depth > 3) return fc.constant({});
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of schema.fields) shape[field.localName] = fieldArbitrary(field, known, depth);
  return fc.record(shape, { requiredKeys: [] });
}
