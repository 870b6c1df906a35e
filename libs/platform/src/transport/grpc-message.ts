import type * as http2 from 'node:http2';

/**
 * The gRPC spec percent-encodes grpc-message only outside printable ASCII (and
 * "%" itself). Connect encodes with encodeURIComponent ("field%3A reason"),
 * and grpc-js decodes with decodeURI, which leaves "%3A" as is: clients built
 * on grpc-js would read garbled messages. Re-encode to the spec's minimum,
 * which every decoder reads back.
 */
export function specGrpcMessage(connectEncoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(connectEncoded);
  } catch {
    return connectEncoded;
  }
  return Array.from(Buffer.from(decoded, 'utf8'))
    .map((byte) =>
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

type Headers = http2.OutgoingHttpHeaders;

function fix(headers: Headers | undefined): Headers | undefined {
  if (!headers) return headers;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (name.toLowerCase() === 'grpc-message' && typeof value === 'string')
      headers[name] = specGrpcMessage(value);
  }
  return headers;
}

/** Wraps a request handler so every grpc-message it sends (headers or trailers) is spec-encoded. */
export function withSpecGrpcMessages(
  handler: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void,
): (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void {
  return (req, res) => {
    const writeHead = res.writeHead.bind(res) as (
      status: number,
      headers?: Headers,
    ) => http2.Http2ServerResponse;
    const addTrailers = res.addTrailers.bind(res);
    res.writeHead = ((status: number, headers?: Headers) =>
      writeHead(status, fix(headers))) as typeof res.writeHead;
    res.addTrailers = (trailers: Headers) => addTrailers(fix(trailers) as Headers);
    handler(req, res);
  };
}
