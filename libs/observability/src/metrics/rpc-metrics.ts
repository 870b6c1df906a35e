import { counter, histogram } from './registry';

/** Every RPC served, by `Service/Method` and gRPC code name: bounded labels only. */
export const rpcRequests = counter<'method' | 'code'>({
  name: 'cascade_rpc_requests_total',
  help: 'RPCs served, by method (Service/Method) and gRPC status code name',
  labelNames: ['method', 'code'],
});

export const rpcDuration = histogram<'method' | 'code'>({
  name: 'cascade_rpc_duration_seconds',
  help: 'Time from receiving an RPC to its last response message, by method and status code',
  labelNames: ['method', 'code'],
});
