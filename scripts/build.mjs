// `npm run build`: compiles src/ to dist/ (tsconfig.build.json), then prepares the embedded data
// directory new installations start from, and stamps the build for scripts/build-if-stale.mjs.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

rmSync(path.join(root, 'dist', '.build-stamp'), { force: true });
run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
run(process.execPath, [path.join(root, 'dist', 'db', 'embedded-template-cli.js')]);
writeFileSync(path.join(root, 'dist', '.build-stamp'), `${new Date().toISOString()}\n`);
