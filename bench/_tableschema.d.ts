// tableschema (Frictionless JS) ships no types; only what the benchmark uses.
declare module "tableschema" {
  export class Table {
    static load(source: string, options: { schema: object; headers?: number }): Promise<Table>;
    iter(options?: { forceCast?: boolean; keyed?: boolean; cast?: boolean }): Promise<AsyncIterable<unknown>>;
  }
}
