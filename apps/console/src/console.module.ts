import { DynamicModule, Module } from '@nestjs/common';
import type { ConsoleConfig } from './config';
import { CONSOLE_CONFIG } from './console-tokens';
import { RpcProxyController } from './proxy/rpc-proxy.controller';
import { UpstreamSessions } from './proxy/upstream-sessions';
import { KeyCheck } from './sessions/key-check';
import { SessionController } from './sessions/session.controller';
import { SessionStore } from './sessions/session-store';

@Module({})
export class ConsoleModule {
  static forConfig(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [SessionController, RpcProxyController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        {
          provide: SessionStore,
          useValue: new SessionStore({ idleMs: config.idleMs, absoluteMs: config.absoluteMs }),
        },
        {
          provide: KeyCheck,
          useValue: new KeyCheck(config.upstreams.metering, config.serviceToken, config.adminToken),
        },
        { provide: UpstreamSessions, useValue: new UpstreamSessions(config.upstreams) },
      ],
    };
  }
}
