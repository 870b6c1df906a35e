import { gauge, histogram } from './registry';

export const dbQueryDuration = histogram({
  name: 'cascade_db_query_duration_seconds',
  help: 'Time of each database statement, from sending it to its result',
});

/** Where the pool gauge reads from: set once the database is open. */
export interface PoolReading {
  used(): number;
  idle(): number;
}

const pools: PoolReading[] = [];

export function watchPool(pool: PoolReading): void {
  pools.push(pool);
}

export const dbPoolConnections = gauge<'state'>({
  name: 'cascade_db_pool_connections',
  help: 'Database pool connections by state (used, idle)',
  labelNames: ['state'],
  collect() {
    if (pools.length === 0) return;
    this.set(
      { state: 'used' },
      pools.reduce((n, p) => n + p.used(), 0),
    );
    this.set(
      { state: 'idle' },
      pools.reduce((n, p) => n + p.idle(), 0),
    );
  },
});
