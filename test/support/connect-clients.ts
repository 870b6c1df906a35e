import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import type { CascadeUrls, ServiceName } from './cascade';
import { E2E_ADMIN_TOKEN } from './tokens';

/** How a call ended: 'OK' with its response(s), or the status code's name. */
export interface CallOutcome {
  code: string;
  message: string;
  /** A unary response, or every message of a stream read to its end. */
  response?: unknown;
}

export interface ConnectCallOptions {
  /** Extra request headers (e.g. x-cascade-principal). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** For a server stream that never ends by itself (WatchInvoices): stop after this many messages. */
  take?: number;
}

type AnyCall = (request: unknown, options?: unknown) => unknown;

/** The status code's name as gRPC spells it: NOT_FOUND, PERMISSION_DENIED … */
export function codeName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Generated Connect clients (gRPC on HTTP/2) for any service descriptor, with
 * one bearer token (the operator's by default; null for none): calls any
 * method, unary or streaming, and reports how it ended instead of throwing.
 */
export class ConnectClients {
  private readonly sessions = new Map<ServiceName, Http2SessionManager>();

  constructor(
    private readonly urls: CascadeUrls,
    private readonly token: string | null = E2E_ADMIN_TOKEN,
  ) {}

  /** A typed client of one service on one of the three processes. */
  client<S extends DescService>(on: ServiceName, service: S, headers: Record<string, string> = {}) {
    let session = this.sessions.get(on);
    if (!session) {
      session = new Http2SessionManager(this.urls[on]);
      this.sessions.set(on, session);
    }
    const token = this.token;
    const transport = createGrpcTransport({
      baseUrl: this.urls[on],
      sessionManager: session,
      defaultTimeoutMs: 20_000,
      interceptors: [
        (next) => (request) => {
          if (token !== null) request.header.set('authorization', `Bearer ${token}`);
          for (const [name, value] of Object.entries(headers)) request.header.set(name, value);
          return next(request);
        },
      ],
    });
    return createClient(service, transport);
  }

  /** Calls any method with a plain init object; never throws for a status. */
  async call(
    on: ServiceName,
    method: DescMethod,
    request: unknown,
    options: ConnectCallOptions = {},
  ): Promise<CallOutcome> {
    const client = this.client(on, method.parent, options.headers) as unknown as Record<
      string,
      AnyCall
    >;
    const call = client[method.localName];
    const callOptions = { timeoutMs: options.timeoutMs ?? 20_000 };
    try {
      switch (method.methodKind) {
        case 'unary':
          return ok(await (call(request, callOptions) as Promise<unknown>));
        case 'server_streaming':
          return ok(await collect(call(request, callOptions) as AsyncIterable<unknown>, options));
        case 'client_streaming':
          return ok(await (call(once(request), callOptions) as Promise<unknown>));
        case 'bidi_streaming':
          return ok(
            await collect(call(once(request), callOptions) as AsyncIterable<unknown>, options),
          );
      }
    } catch (error) {
      const e = ConnectError.from(error);
      return { code: codeName(e.code), message: e.rawMessage };
    }
  }

  close(): void {
    for (const session of this.sessions.values()) session.abort();
    this.sessions.clear();
  }
}

function ok(response: unknown): CallOutcome {
  return { code: 'OK', message: '', response };
}

async function* once(request: unknown): AsyncGenerator<unknown> {
  yield request;
}

async function collect(
  stream: AsyncIterable<unknown>,
  options: ConnectCallOptions,
): Promise<unknown[]> {
  const messages: unknown[] = [];
  for await (const message of stream) {
    messages.push(message);
    if (options.take !== undefined && messages.length >= options.take) break;
  }
  return messages;
}
