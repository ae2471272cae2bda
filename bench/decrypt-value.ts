/**
 * 4. Opening one sealed value (`openValue`: unwrap the data key, then decrypt the value,
 * both AES-256-GCM), side by side with n8n's credential cipher from the n8n-core package:
 * CryptoJS-compatible AES-256-CBC, key and IV derived per call with EVP_BytesToKey (MD5),
 * no authentication. n8n-core is installed for the benchmark alone into .bench/n8n.
 */
import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openValue, sealValue } from '../electron/core/vault/envelope';
import { newId } from '../electron/core/ids';
import { median, sampleBatches, type Row } from './measure';

const N8N_DIR = join(__dirname, '..', '.bench', 'n8n');
const TARGET_US = 10;

interface N8nCipher {
  encrypt(data: string, key: string): string;
  decrypt(data: string, key: string): string;
}

type Loaded = { cipher: N8nCipher; version: string } | { skipped: string };

/** n8n-core's CipherAes256CBC, constructed directly (it takes no constructor arguments). */
function loadN8nCipher(): Loaded {
  const skippedBySetup = process.env.KEYFLOW_BENCH_N8N_SKIPPED;
  if (skippedBySetup) return { skipped: skippedBySetup };
  const packageDir = join(N8N_DIR, 'node_modules', 'n8n-core');
  const file = join(packageDir, 'dist', 'encryption', 'aes-256-cbc.js');
  if (!existsSync(file)) return { skipped: `n8n-core is not installed in .bench/n8n (${file} is missing)` };
  try {
    const require = createRequire(join(N8N_DIR, 'package.json'));
    require('reflect-metadata'); // n8n's @Service() decorator needs it
    const { CipherAes256CBC } = require(file) as { CipherAes256CBC: new () => N8nCipher };
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return { cipher: new CipherAes256CBC(), version };
  } catch (error) {
    return { skipped: `n8n-core's cipher could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function benchDecrypt(value: string): { rows: Row[]; notes: string[] } {
  const masterKey = createSecretKey(randomBytes(32));
  const context = { workspaceId: newId('ws'), secretId: newId('sec'), version: 1 };
  const blob = sealValue(masterKey, context, value);
  const ours = () => openValue(masterKey, context, blob);
  if (ours() !== value) throw new Error('openValue did not return the sealed value');

  const loaded = loadN8nCipher();
  const fns: Record<string, () => string> = { ours };
  if ('cipher' in loaded) {
    // n8n's instance key is 24 random bytes in base64; the stored credential is base64 text.
    const n8nKey = randomBytes(24).toString('base64');
    const stored = loaded.cipher.encrypt(value, n8nKey);
    fns.n8n = () => loaded.cipher.decrypt(stored, n8nKey);
    if (fns.n8n() !== value) throw new Error("n8n's cipher did not return the encrypted value");
  }

  const samples = sampleBatches(fns, { batch: 1000, warmupBatches: 5, batches: 40 });
  const oursUs = median(samples.ours!);
  const label = `openValue, ${value.length}-char value (median of 40×1000)`;
  const notes: string[] = [];
  if ('skipped' in loaded) {
    notes.push(`n8n comparison skipped: ${loaded.skipped}`);
    return { rows: [{ measurement: label, value: oursUs, unit: 'µs', target: { text: `< ${TARGET_US} µs`, met: oursUs < TARGET_US } }], notes };
  }
  const n8nUs = median(samples.n8n!);
  const speedup = n8nUs / oursUs;
  notes.push(`n8n baseline: n8n-core ${loaded.version} CipherAes256CBC.decrypt (base64 decode + 3×MD5 key/IV derivation + AES-256-CBC, unauthenticated)`);
  return {
    rows: [
      { measurement: label, value: oursUs, unit: 'µs', target: { text: `< ${TARGET_US} µs`, met: oursUs < TARGET_US } },
      {
        measurement: 'openValue vs n8n credential decrypt',
        value: oursUs,
        unit: 'µs',
        baseline: { value: n8nUs, label: `n8n-core ${loaded.version}` },
        // A figure only (issue 10): a few µs per value beside a request of hundreds is not what a user feels.
        ratio: `${speedup.toFixed(2)}× (n8n ÷ ours)`,
      },
    ],
    notes,
  };
}
