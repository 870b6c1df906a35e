import * as http2 from 'node:http2';
import type { DescMethod, DescService } from '@bufbuild/protobuf';
import {
  ConnectRouter,
  createContextValues,
  HandlerContext,
  Interceptor,
} from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  CustomTransportStrategy,
  MessageHandler,
  Server,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import { noteCaller } from '@cascade/observability';
import { RequestState, runInRequest } from '../auth/request-context';
import { CONNECTION_IDENTITY, connectionIdentity } from '../tls/connection-identity';
import type { ServerTls } from '../tls/tls-settings';
import { HealthState } from './health';
import { checkedStream, checkRequestText } from './input-check';
import { withSpecGrpcMessages } from './grpc-message';
import { withClearDecodeErrors } from './decode-errors';
import { toAsyncIterable } from './observable-to-async';
import { toConnectError } from './to-connect-error';
import { callerFields } from './caller-fields';

export interface ConnectTransportOptions {
  port: number;
  host?: string;
  services: readonly DescService[];
  /** How long close() waits for in-flight calls before cutting connections. */
  drainTimeoutMs?: number;
  /** The largest request message accepted; default MAX_MESSAGE_BYTES. */
  readMaxBytes?: number;
  /** HTTP/2 over TLS (and client certificates when it has a CA); cleartext without it. */
  tls?: ServerTls;
  /** Around every call (the service's observation: spans, metrics, the call log). */
  interceptors?: Interceptor[];
  /** Runs once the server has closed (flushes what observes it). */
  onClosed?: () => Promise<void>;
}

/** 16 MiB: a full RecordUsage batch of 10,000 events is about 2 MiB. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * What a handler gets from @Ctx(): the Connect call context (headers, signal)
 * and the request's state (the principal the guard authenticated).
 */
export class ConnectRpcContext extends BaseRpcContext<[HandlerContext, RequestState]> {
  get call(): HandlerContext {
    return this.args[0];
  }

  get state(): RequestState {
    return this.args[1];
  }
}

/** The Nest pattern of an RPC: "package.Service/Method". */
export function rpcPattern(method: DescMethod): string {
  return `${method.parent.typeName}/${method.name}`;
}

/**
 * Serves Nest message handlers as Connect RPCs on one HTTP/2 port, cleartext
 * or TLS: gRPC, gRPC-Web and Connect, plus grpc.health.v1. Under mutual TLS
 * the port asks every client for a certificate but admits one without (it
 * then needs a bearer token like any other caller); what the certificate
 * proves reaches the guard as the call's CONNECTION_IDENTITY.
 */
export class ConnectTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('ConnectTransport');
  private readonly health = new HealthState();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private server?: http2.Http2Server | http2.Http2SecureServer;

  constructor(private readonly options: ConnectTransportOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    const tls = this.options.tls;
    const handler = withSpecGrpcMessages(
      connectNodeAdapter({
        routes: (router) => this.routes(router),
        // A bigger message is refused (RESOURCE_EXHAUSTED) before it is read into memory.
        readMaxBytes: this.options.readMaxBytes ?? MAX_MESSAGE_BYTES,
        interceptors: this.options.interceptors ?? [],
        // A JSON field or enum name the contract does not define is a mistake, not a no-op.
        jsonOptions: { ignoreUnknownFields: false },
        contextValues: (request) =>
          createContextValues().set(CONNECTION_IDENTITY, connectionIdentity(request, tls)),
      }),
    );
    const server = tls
      ? http2.createSecureServer(
          {
            cert: tls.cert,
            key: tls.key,
            ca: tls.ca,
            // Asked for, not required: tools and plugins connect with a bearer token alone.
            requestCert: tls.ca !== undefined,
            rejectUnauthorized: false,
          },
          handler,
        )
      : http2.createServer(handler);
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    server.once('error', (error) => callback(error));
    server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => callback());
    this.server = server;
  }

  /** The port actually bound (useful when configured as 0). */
  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.health.markShuttingDown();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    const timeout = setTimeout(() => {
      for (const session of this.sessions) session.destroy();
    }, this.options.drainTimeoutMs ?? 5000);
    await closed;
    clearTimeout(timeout);
    this.server = undefined;
    await this.options.onClosed?.();
  }

  on(): never {
    throw new Error('ConnectTransport does not emit events');
  }

  unwrap<T>(): T {
    return this.server as T;
  }

  private routes(router: ConnectRouter): void {
    this.health.register(router);
    for (const service of this.options.services) {
      for (const method of service.methods) {
        const handler = this.getHandlerByPattern(rpcPattern(method));
        if (!handler) continue;
        // The router answers UNIMPLEMENTED for methods without a handler.
        router.rpc(method, this.adapt(method, handler) as never);
      }
    }
    // The adapter reads router.handlers once this returns.
    router.handlers.forEach((h, i) => (router.handlers[i] = withClearDecodeErrors(h)));
    this.log.log(`routes ready for ${this.options.services.map((s) => s.typeName).join(', ')}`);
  }

  /**
   * Each call runs in its own request state (AsyncLocalStorage), so that the
   * guard's principal reaches peer clients deep in the call; a streaming
   * response is pulled inside that state too.
   */
  private adapt(method: DescMethod, handler: MessageHandler) {
    const clientStreams =
      method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';
    const invoke = async (input: unknown, call: HandlerContext, state: RequestState) => {
      // Text no field may hold is refused before any handler sees the request.
      if (clientStreams) input = checkedStream(method.input, input as AsyncIterable<unknown>);
      else checkRequestText(method.input, input);
      try {
        const result: unknown = await handler(input, new ConnectRpcContext([call, state]));
        return result;
      } finally {
        // The guard has run (or refused): the call log names who called.
        noteCaller(call.values, callerFields(state.principal));
      }
    };
    const unary = async (input: unknown, call: HandlerContext) => {
      const state: RequestState = {};
      return runInRequest(state, async () => {
        try {
          const result = await invoke(input, call, state);
          return isObservable(result) ? lastValueFrom(result as Observable<unknown>) : result;
        } catch (error) {
          throw toConnectError(error);
        }
      });
    };
    const streaming = async function* (input: unknown, call: HandlerContext) {
      const state: RequestState = {};
      try {
        const source = await runInRequest(state, () => invoke(input, call, state));
        const iterator = toAsyncIterable(source)[Symbol.asyncIterator]();
        try {
          for (;;) {
            const next = await runInRequest(state, () => iterator.next());
            if (next.done) return;
            yield next.value;
          }
        } finally {
          await runInRequest(state, async () => iterator.return?.());
        }
      } catch (error) {
        throw toConnectError(error);
      }
    };
    switch (method.methodKind) {
      case 'unary':
      case 'client_streaming':
        return unary;
      case 'server_streaming':
      case 'bidi_streaming':
        return streaming;
    }
  }
}
