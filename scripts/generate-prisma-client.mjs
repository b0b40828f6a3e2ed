// Generates the Prisma client at install time without network access.
// `prisma generate` needs no schema engine, but the CLI downloads one at start-up unless
// PRISMA_SCHEMA_ENGINE_BINARY points at an existing file (documented Prisma variable).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const placeholderEngine = fileURLToPath(import.meta.url);
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholderEngine,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
