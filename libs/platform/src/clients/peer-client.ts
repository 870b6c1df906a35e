import type { DescService } from '@bufbuild/protobuf';
import { Client, createClient, Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import type { SecureClientSessionOptions } from 'node:http2';
import { traceContextInterceptor } from '@cascade/observability';
import type { CallAuth } from '../auth/call-auth';
import { clientTls, tlsSettings } from '../tls/tls-settings';

export interface PeerOptions {
  baseUrl: string;
  /** Deadline of every call unless the call sets its own. */
  timeoutMs?: number;
  /** Credentials on every call: serviceAuth() between services, bearerAuth(token) for tools. */
  auth?: CallAuth;
  /** For an https:// peer; default this process's settings (clientTls(tlsSettings())). */
  tls?: SecureClientSessionOptions;
}

function authInterceptor(auth: CallAuth): Interceptor {
  return (next) => (request) => {
    for (const [name, value] of Object.entries(auth())) request.header.set(name, value);
    return next(request);
  };
}

/**
 * A generated Connect client for a peer service, over gRPC on HTTP/2 (TLS for
 * an https:// URL: the server verified against CASCADE_TLS_CA, this service's
 * certificate presented under mutual TLS), with a deadline.
 */
export function peerClient<S extends DescService>(service: S, options: PeerOptions): Client<S> {
  const transport = createGrpcTransport({
    baseUrl: options.baseUrl,
    defaultTimeoutMs: options.timeoutMs ?? 30_000,
    // The caller's trace goes on to the peer (W3C traceparent), with or without credentials.
    interceptors: [
      traceContextInterceptor(),
      ...(options.auth ? [authInterceptor(options.auth)] : []),
    ],
    nodeOptions: options.tls ?? clientTls(tlsSettings()),
  });
  return createClient(service, transport);
}
