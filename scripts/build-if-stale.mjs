// Builds dist/ (`npm run build`) when it is missing or older than its sources, so `npm start`, the
// sandbox and the tests never run JavaScript compiled from an earlier version of src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = ['src', 'prisma', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

function newestChange(entry) {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built < Math.max(...sources.map((source) => newestChange(path.join(root, source))))) {
  if (!existsSync(path.join(root, 'node_modules', 'typescript'))) {
    process.stderr.write('dist/ is missing or older than src/, and TypeScript is not installed: run `npm install` and `npm run build`.\n');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
