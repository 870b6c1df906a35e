import { counter, histogram, secondsSince } from '@cascade/observability';

const edgeDuration = histogram({
  name: 'cascade_rating_edge_duration_seconds',
  help: 'Time to rate one billing edge for a period (RateEdge, or one edge of RateTree)',
});

const edgesRated = counter({
  name: 'cascade_rating_edges_rated_total',
  help: 'Billing edges rated (RateEdge calls and edges of RateTree runs)',
});

/** Rates one edge, timed and counted; an edge that fails to rate is not counted. */
export async function ratedEdge<T>(rate: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await rate();
  edgeDuration.observe(secondsSince(start));
  edgesRated.inc();
  return result;
}
