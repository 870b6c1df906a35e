import { Client, createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { MeterService, UsageService } from '@cascade/contracts';
import type { MeteringTlsOptions } from './client-options';

/**
 * Clients of metering over one HTTP/2 session (gRPC, so any Cascade
 * deployment answers), every call carrying the client's bearer token. Owning the session manager lets close() end the
 * connection instead of leaving a socket that keeps the process alive.
 */
export class MeteringConnection {
  readonly usage: Client<typeof UsageService>;
  readonly meters: Client<typeof MeterService>;
  private readonly session: Http2SessionManager;

  constructor(baseUrl: string, callTimeoutMs: number, token: string, tls?: MeteringTlsOptions) {
    // TLS belongs to the session: a transport given a session manager ignores its nodeOptions.
    this.session = new Http2SessionManager(baseUrl, undefined, tls);
    const authorization = `Bearer ${token}`;
    const transport = createGrpcTransport({
      baseUrl,
      sessionManager: this.session,
      defaultTimeoutMs: callTimeoutMs,
      interceptors: [
        (next) => (request) => {
          request.header.set('authorization', authorization);
          return next(request);
        },
      ],
    });
    this.usage = createClient(UsageService, transport);
    this.meters = createClient(MeterService, transport);
  }

  close(): void {
    this.session.abort();
  }
}
