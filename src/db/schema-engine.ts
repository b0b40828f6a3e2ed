import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// The ES2023 lib and @types/node 20 do not declare the WebAssembly global that Node provides.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let engineModule: Promise<typeof engineGlue> | undefined;

/**
 * Instantiates Prisma's schema engine compiled to WebAssembly. Its package entry imports the
 * `.wasm` file as an ES module, which Node 20 only allows behind --experimental-wasm-modules, so
 * the module is instantiated here through the package's own JS glue instead.
 */
function loadEngineModule(): Promise<typeof engineGlue> {
  engineModule ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const bytes = await readFile(path.join(path.dirname(entry), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineGlue });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineGlue;
  })();
  return engineModule;
}

export async function createSchemaEngine(
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  onLog: (message: string) => void = () => {},
): Promise<SchemaEngine> {
  const glue = await loadEngineModule();
  return glue.SchemaEngine.new({ datamodels: [['schema.prisma', schemaText]] }, onLog, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
