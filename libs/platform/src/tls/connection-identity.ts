import { createContextKey } from '@connectrpc/connect';
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { TLSSocket } from 'node:tls';
import { certifiedService } from './service-certificate';
import type { ServerTls } from './tls-settings';

/** What the connection a call came on proves about its caller, beyond its headers. */
export interface ConnectionIdentity {
  /** The port verifies client certificates (CASCADE_TLS_CA): the service token alone is not a service. */
  mutualTls: boolean;
  /** The Cascade service named by the connection's verified client certificate. */
  service?: string;
}

/** How the transport hands the connection's identity to the guard (HandlerContext.values). */
export const CONNECTION_IDENTITY = createContextKey<ConnectionIdentity>(
  { mutualTls: false },
  { description: 'cascade connection identity' },
);

/** Reads the client certificate of the connection a request came on. */
export function connectionIdentity(
  request: Http2ServerRequest | IncomingMessage,
  tls: ServerTls | undefined,
): ConnectionIdentity {
  if (!tls?.ca) return { mutualTls: false };
  const socket = request.socket;
  if (!(socket instanceof TLSSocket)) return { mutualTls: true };
  const certificate = socket.getPeerCertificate();
  const service = certifiedService(
    { authorized: socket.authorized, commonName: certificate.subject?.CN },
    tls.serviceNames,
  );
  return service ? { mutualTls: true, service } : { mutualTls: true };
}
