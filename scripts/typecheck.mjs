// `npm run typecheck`: each layer with only the types its code may use, then everything
// (tests, benchmarks, scripts) together. Exits non-zero at the first project that fails.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECTS = ['tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.electron.json', 'tsconfig.json'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const project of PROJECTS) {
    const result = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      process.stderr.write(`typecheck failed in ${project}\n`);
      process.exit(result.status ?? 1);
    }
  }
}
