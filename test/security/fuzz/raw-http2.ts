import * as http2 from 'node:http2';

export interface RawAnswer {
  /** The HTTP status. */
  status: number;
  /** grpc-status from the trailers (or a trailers-only response), when the answer is gRPC. */
  grpcStatus?: string;
  body: Buffer;
}

/** One request with any headers and any body bytes, over plain HTTP/2; never retries. */
export function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs = 15_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // Room for oversized bodies: the test must see the server's answer, not its own limit.
    const session = http2.connect(baseUrl, { maxSessionMemory: 128 });
    let settled = false;
    const finish = (error: Error | undefined, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.close();
      session.destroy();
      if (error) reject(error);
      else resolve(answer as RawAnswer);
    };
    const timer = setTimeout(
      () => finish(new Error(`${path}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    session.on('error', (error) => finish(error));
    const request = session.request({ ':method': 'POST', ':path': path, ...headers });
    let status = 0;
    let grpcStatus: string | undefined;
    const chunks: Buffer[] = [];
    request.on('response', (h) => {
      status = Number(h[':status']);
      if (h['grpc-status'] !== undefined) grpcStatus = String(h['grpc-status']);
    });
    // The trailers are the whole answer, even while the server still refuses to read the body.
    request.on('trailers', (t) => {
      if (t['grpc-status'] !== undefined) grpcStatus = String(t['grpc-status']);
      finish(undefined, { status, grpcStatus, body: Buffer.concat(chunks) });
    });
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', (error) => finish(error));
    request.on('end', () => finish(undefined, { status, grpcStatus, body: Buffer.concat(chunks) }));
    request.end(body);
  });
}

/** A gRPC length-prefixed frame: flag byte, 4-byte big-endian length, payload. */
export function grpcFrame(
  payload: Uint8Array,
  options: { compressed?: boolean; length?: number } = {},
) {
  const header = Buffer.alloc(5);
  header.writeUInt8(options.compressed ? 1 : 0, 0);
  header.writeUInt32BE(options.length ?? payload.length, 1);
  return Buffer.concat([header, Buffer.from(payload)]);
}
