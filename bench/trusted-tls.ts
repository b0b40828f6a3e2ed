import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateLocalCertificate, type TlsMaterial } from '../emulators/x/cert.js';

const dirVariable = 'EARSHOT_BENCH_TLS_DIR';

/** The certificate this process trusts, made by the parent that spawned it (see `runTrustingCertificate`). */
export async function trustedTls(): Promise<TlsMaterial | undefined> {
  const dir = process.env[dirVariable];
  if (!dir) return undefined;
  const [key, cert] = await Promise.all([readFile(path.join(dir, 'key.pem'), 'utf8'), readFile(path.join(dir, 'cert.pem'), 'utf8')]);
  return { key, cert };
}

/**
 * Node reads NODE_EXTRA_CA_CERTS only at start-up, so the X emulator's certificate can be trusted
 * only by a new process: this one runs itself again with it and resolves with the child's exit code.
 */
export async function runTrustingCertificate(): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'earshot-bench-tls-'));
  try {
    const { key, cert } = await generateLocalCertificate();
    const inherited = process.env.NODE_EXTRA_CA_CERTS;
    const trusted = inherited && existsSync(inherited) ? `${await readFile(inherited, 'utf8')}\n${cert}` : cert;
    await Promise.all([
      writeFile(path.join(dir, 'key.pem'), key, { mode: 0o600 }),
      writeFile(path.join(dir, 'cert.pem'), cert),
      writeFile(path.join(dir, 'ca.pem'), trusted),
    ]);
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), [dirVariable]: dir },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
