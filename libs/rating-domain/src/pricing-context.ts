import type { ChargeSpec } from './charge';

/**
 * What a charge may need besides its own spec. Only PERCENTAGE_MARKUP reads it:
 * `upstream` is the spec under which the seller itself buys the meter, and
 * `upstreamContext` is that spec's own context, so a markup over a markup can
 * reach the spec at the top of the chain.
 */
export interface PricingContext {
  upstream?: ChargeSpec;
  upstreamContext?: PricingContext;
}

/**
 * Nests a seller's purchase chain, nearest first: the spec the seller buys the
 * meter under, then the spec its own seller buys under, and so on.
 */
export function upstreamChain(specs: readonly ChargeSpec[]): PricingContext {
  return specs.reduceRight<PricingContext>(
    (upstreamContext, upstream) => ({ upstream, upstreamContext }),
    {},
  );
}
