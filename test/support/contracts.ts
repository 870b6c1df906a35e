import type { DescService } from '@bufbuild/protobuf';
import * as contracts from '@cascade/contracts';

/** Every Cascade service the generated contracts define (cascade.*), read from their descriptors. */
export function cascadeServices(): DescService[] {
  const exported: unknown[] = Object.values(contracts);
  return exported.filter(
    (value): value is DescService =>
      typeof value === 'object' &&
      value !== null &&
      (value as { kind?: unknown }).kind === 'service' &&
      (value as DescService).typeName.startsWith('cascade.'),
  );
}
