import { defineConfig } from 'prisma/config';

// Migrations are applied by Earshot itself (src/db/migrate.ts, offline, through the WASM schema
// engine); the CLI is only used for `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
