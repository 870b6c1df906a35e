import type { DescMessage } from '@bufbuild/protobuf';
import type { UniversalHandler, UniversalServerResponse } from '@connectrpc/connect/protocol';
import { namedJsonDecodeError } from './json-decode-error';

/**
 * connect-es answers a request body that is not protobuf with INTERNAL
 * ("parse binary: …", its serialization.ts), as if the server were broken;
 * the caller's bytes are what is wrong. Its parser offers no hook, so the
 * answer is corrected on its way out, on each protocol: the gRPC trailer, the
 * gRPC-Web trailer frame, the Connect end-of-stream frame and the Connect
 * unary error body. A JSON request it cannot decode is INVALID_ARGUMENT
 * already; its message is rewritten to name the field first. Successful
 * responses pass through untouched.
 */
const PARSE_FAILURE = 'parse binary: ';
const GRPC_INTERNAL = '13';
const GRPC_INVALID_ARGUMENT = '3';
const GRPC_WEB_TRAILER_FLAG = 0x80;
const CONNECT_END_STREAM_FLAG = 0x02;
/** What Connect maps INVALID_ARGUMENT to. */
const HTTP_BAD_REQUEST = 400;

function isParseFailure(encodedMessage: string | null | undefined): boolean {
  if (!encodedMessage) return false;
  try {
    return decodeURIComponent(encodedMessage).startsWith(PARSE_FAILURE);
  } catch {
    return false;
  }
}

function fixGrpcTrailer(trailer: Headers | undefined): void {
  if (trailer?.get('grpc-status') === GRPC_INTERNAL && isParseFailure(trailer.get('grpc-message')))
    trailer.set('grpc-status', GRPC_INVALID_ARGUMENT);
}

function envelope(flags: number, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(5 + data.byteLength);
  bytes[0] = flags;
  new DataView(bytes.buffer).setUint32(1, data.byteLength);
  bytes.set(data, 5);
  return bytes;
}

function fixGrpcWebTrailer(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength < 5 || chunk[0] !== GRPC_WEB_TRAILER_FLAG) return chunk;
  const lines = new TextDecoder().decode(chunk.subarray(5)).split('\r\n');
  const value = (name: string) =>
    lines
      .find((l) => l.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  if (value('grpc-status') !== GRPC_INTERNAL || !isParseFailure(value('grpc-message')))
    return chunk;
  const fixed = lines.map((l) =>
    l.startsWith('grpc-status:') ? `grpc-status: ${GRPC_INVALID_ARGUMENT}` : l,
  );
  return envelope(chunk[0], new TextEncoder().encode(fixed.join('\r\n')));
}

interface ErrorJson {
  code?: string;
  message?: string;
}

/** Corrects a parse failure's code in place; false for any other error. */
function fixedErrorJson(error: ErrorJson | undefined): boolean {
  if (error?.code !== 'internal' || !error.message?.startsWith(PARSE_FAILURE)) return false;
  error.code = 'invalid_argument';
  return true;
}

function fixConnectEndStream(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength < 5 || chunk[0] !== CONNECT_END_STREAM_FLAG) return chunk;
  const end = JSON.parse(new TextDecoder().decode(chunk.subarray(5))) as { error?: ErrorJson };
  if (!fixedErrorJson(end.error)) return chunk;
  return envelope(chunk[0], new TextEncoder().encode(JSON.stringify(end)));
}

async function* mapChunks(
  body: AsyncIterable<Uint8Array>,
  fix: (chunk: Uint8Array) => Uint8Array,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) yield fix(chunk);
}

async function* thenFixTrailer(
  body: AsyncIterable<Uint8Array>,
  trailer: Headers | undefined,
): AsyncGenerator<Uint8Array> {
  // The trailer is complete once the body has ended; the adapter sends it after that.
  yield* body;
  fixGrpcTrailer(trailer);
}

async function fixConnectUnary(
  response: UniversalServerResponse,
  input: DescMessage,
): Promise<UniversalServerResponse> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body ?? []) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  let error: ErrorJson | undefined;
  try {
    error = JSON.parse(bytes.toString('utf8')) as ErrorJson;
  } catch {
    error = undefined;
  }
  const parseFailure = fixedErrorJson(error);
  const named =
    error?.code === 'invalid_argument' && error.message
      ? namedJsonDecodeError(error.message, input)
      : undefined;
  if (error && named) error.message = named;
  const fixed = parseFailure || named ? Buffer.from(JSON.stringify(error)) : bytes;
  response.header?.set('content-length', String(fixed.byteLength));
  return {
    ...response,
    status: parseFailure ? HTTP_BAD_REQUEST : response.status,
    body: (async function* () {
      yield fixed;
    })(),
  };
}

async function fixResponse(
  response: UniversalServerResponse,
  input: DescMessage,
): Promise<UniversalServerResponse> {
  const type = response.header?.get('content-type') ?? '';
  const body = response.body;
  if (!body) return response;
  if (type.startsWith('application/grpc-web'))
    return { ...response, body: mapChunks(body, fixGrpcWebTrailer) };
  if (type.startsWith('application/grpc'))
    return { ...response, body: thenFixTrailer(body, response.trailer) };
  if (type.startsWith('application/connect+'))
    return { ...response, body: mapChunks(body, fixConnectEndStream) };
  // A unary Connect error: JSON, uncompressed (error bodies are below the compression threshold).
  if (response.status >= 400 && !response.header?.get('content-encoding'))
    return fixConnectUnary(response, input);
  return response;
}

/**
 * The handler, answering a body that is not protobuf with INVALID_ARGUMENT
 * instead of INTERNAL, and JSON it cannot decode with the field named first.
 */
export function withClearDecodeErrors(handler: UniversalHandler): UniversalHandler {
  const wrapped = async (request: Parameters<UniversalHandler>[0]) =>
    fixResponse(await handler(request), handler.method.input);
  return Object.assign(wrapped, handler);
}
