import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ServiceDatabase } from './database-config';
import { openDatabase } from './open-database';

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close();
  }
}

/** Provides the service's MikroORM, migrated, and closes it on shutdown. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: ServiceDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: MikroORM, useFactory: () => openDatabase(db, process.env) },
        DatabaseCloser,
      ],
      exports: [MikroORM],
    };
  }
}
