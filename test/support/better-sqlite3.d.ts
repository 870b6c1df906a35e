// The few parts of better-sqlite3 (installed for MikroORM, without its types) the e2e state digest reads with.
declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      raw(): Statement;
      all(...params: unknown[]): unknown[];
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): void;
      close(): void;
    }
  }
  const Database: new (
    file: string,
    options?: { readonly?: boolean; fileMustExist?: boolean },
  ) => Database.Database;
  export = Database;
}
