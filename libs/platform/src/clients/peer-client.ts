import type { DescService } from '@bufbuild/protobuf';
import { Client, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';

export interface PeerOptions {
  baseUrl: string;
  /** Deadline of every call unless the call sets its own. */
  timeoutMs?: number;
}

/** A generated Connect client for a peer service, over gRPC on HTTP/2, with a deadline. */
export function peerClient<S extends DescService>(service: S, options: PeerOptions): Client<S> {
  const transport = createGrpcTransport({
    baseUrl: options.baseUrl,
    defaultTimeoutMs: options.timeoutMs ?? 30_000,
  });
  return createClient(service, transport);
}
