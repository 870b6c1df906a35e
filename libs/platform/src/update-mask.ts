import { invalidArgument } from './errors';

/**
 * The fields an update changes, as AIP-134 reads a google.protobuf.FieldMask: the
 * mask's paths when it has any, each one a field the RPC lets a caller set; without
 * a mask, the fields the caller set to a non-empty value (proto3 cannot tell "left
 * out" from "empty", so an empty field is never a change by accident). Either way,
 * a field not named is kept as it is.
 */
export function updatePaths<P extends string>(
  mask: { paths: readonly string[] } | undefined,
  settable: readonly P[],
  populated: Readonly<Record<P, boolean>>,
  field = 'update_mask',
): ReadonlySet<P> {
  const paths = mask?.paths ?? [];
  if (paths.length === 0) return new Set(settable.filter((path) => populated[path]));
  for (const path of paths)
    if (!(settable as readonly string[]).includes(path))
      throw invalidArgument(
        field,
        `unknown field ${JSON.stringify(path)}: one of ${settable.join(', ')}`,
      );
  return new Set(paths as readonly P[]);
}
