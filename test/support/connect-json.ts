import * as http2 from 'node:http2';
import { ClientTlsFiles, http2TlsOptions } from './tls';
import { bearer, E2E_ADMIN_TOKEN } from './tokens';

export interface ConnectJsonResponse {
  /** HTTP status: 200 for success; Connect maps errors to 4xx/5xx. */
  status: number;
  headers: http2.IncomingHttpHeaders;
  /** The parsed JSON body (an error is `{ code, message }`), or the raw text if not JSON. */
  body: unknown;
}

/**
 * One unary Connect call with a JSON body over plain HTTP/2 cleartext (what
 * `curl --http2-prior-knowledge` does), or over TLS for an https:// URL with
 * `tls` (the CA, and a client certificate if given), using only node:http2.
 * `procedure` is `package.Service/Method`, e.g. `cascade.metering.v1.MeterService/ListMeters`.
 */
export function connectJson(
  baseUrl: string,
  procedure: string,
  body: unknown = {},
  timeoutMs = 10_000,
  /** Extra request headers; by default the operator's bearer token (E2E_ADMIN_TOKEN). */
  requestHeaders: Record<string, string> = bearer(E2E_ADMIN_TOKEN),
  tls?: ClientTlsFiles,
): Promise<ConnectJsonResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const session = http2.connect(baseUrl, tls ? http2TlsOptions(tls) : {});
    const finish = (error: Error | undefined, response?: ConnectJsonResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.close();
      session.destroy();
      if (error) reject(error);
      else resolve(response as ConnectJsonResponse);
    };
    const timer = setTimeout(
      () => finish(new Error(`${procedure}: no answer from ${baseUrl} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    session.on('error', (error) => finish(error));
    const request = session.request({
      ':method': 'POST',
      ':path': `/${procedure.replace(/^\//, '')}`,
      'content-type': 'application/json',
      'connect-protocol-version': '1',
      ...requestHeaders,
    });
    let headers: http2.IncomingHttpHeaders = {};
    let text = '';
    request.setEncoding('utf8');
    request.on('response', (h) => (headers = h));
    request.on('data', (chunk: string) => (text += chunk));
    request.on('error', (error) => finish(error));
    request.on('end', () => {
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      finish(undefined, { status: Number(headers[':status']), headers, body: parsed });
    });
    request.end(JSON.stringify(body));
  });
}

/** True when `grpc.health.v1.Health/Check` answers `{"status":"SERVING"}`; never throws. */
export async function isServing(
  baseUrl: string,
  timeoutMs = 2_000,
  tls?: ClientTlsFiles,
): Promise<boolean> {
  try {
    const response = await connectJson(
      baseUrl,
      'grpc.health.v1.Health/Check',
      {},
      timeoutMs,
      {},
      tls,
    );
    return response.status === 200 && (response.body as { status?: string })?.status === 'SERVING';
  } catch {
    return false;
  }
}
