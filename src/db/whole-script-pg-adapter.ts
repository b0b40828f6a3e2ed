import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

/**
 * @prisma/adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks
 * semicolons inside comments, strings and function bodies. PostgreSQL's simple query protocol
 * runs a multi-statement script as sent, so scripts are sent whole; failures still go through the
 * adapter's own error conversion, so the schema engine reports them as usual.
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
    return adapter;
  }
}
