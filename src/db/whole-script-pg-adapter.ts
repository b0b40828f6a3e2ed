import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { charColumnMarker } from './char-columns-as-text.js';

/**
 * @prisma/adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks
 * semicolons inside comments, strings and function bodies. PostgreSQL's simple query protocol
 * runs a multi-statement script as sent, so scripts are sent whole; failures still go through the
 * adapter's own error conversion, so the schema engine reports them as usual. Catalog "char"
 * columns get their type back (see char-columns-as-text.ts).
 */
export class WholeScriptPrismaPg extends PrismaPg {
  constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  override async connect(): ReturnType<PrismaPg['connect']> {
    const adapter = await super.connect();
    const convertError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await this.pool.query(script);
      } catch (error) {
        convertError(error);
      }
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => {
      const result = await queryRaw(query);
      if (!result.columnNames.some((name) => name.endsWith(charColumnMarker))) return result;
      return {
        ...result,
        columnNames: result.columnNames.map((name) => (name.endsWith(charColumnMarker) ? name.slice(0, -charColumnMarker.length) : name)),
        columnTypes: result.columnTypes.map((type, i) => (result.columnNames[i]!.endsWith(charColumnMarker) ? ColumnTypeEnum.Character : type)),
      };
    };
    return adapter;
  }
}
