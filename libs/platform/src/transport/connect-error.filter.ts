import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Code } from '@connectrpc/connect';
import { Observable, throwError } from 'rxjs';
import { toConnectError } from './to-connect-error';

/**
 * Nest's default RPC filter turns every error into "Internal server error" and
 * loses the gRPC code; this one keeps it and logs what is really internal.
 */
@Catch()
export class ConnectErrorFilter implements RpcExceptionFilter {
  private readonly logger = new Logger('rpc');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const error = toConnectError(exception);
    if (error.code === Code.Internal || error.code === Code.Unavailable) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    return throwError(() => error);
  }
}
