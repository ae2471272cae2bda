/**
 * Environment variables and .env files, for headless and CI runs (as Doppler and
 * 1Password's `op run` hand secrets to a process): a name, read from the environment of the
 * process that runs (the app or `keyflow`), or from the .env file the reference names.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'dotenv';
import type { SourceReference } from '../../../shared/model/source';
import { SourceError } from './source-error';
import { expandHome } from './home-path';

type EnvReference = Extract<SourceReference, { provider: 'env' }>;

/** A .env file larger than this holds more than settings. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

export async function readEnv(source: EnvReference, environment: NodeJS.ProcessEnv): Promise<string> {
  if (source.file === null) {
    const value = environment[source.name];
    if (value === undefined) throw new SourceError('env', `the environment variable ${source.name} is not set for this process.`);
    if (value === '') throw new SourceError('env', `the environment variable ${source.name} is empty.`);
    return value;
  }
  const path = expandHome(source.file);
  if (!path) throw new SourceError('env', `the .env file must be a full path (for example ~/project/.env); “${source.file}” is not.`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      'env',
      code === 'ENOENT' ? `the file ${source.file} does not exist on this computer.` : `the file ${source.file} could not be read (${code ?? 'error'}).`,
    );
  }
  if (bytes.length > MAX_ENV_FILE_BYTES) throw new SourceError('env', `${source.file} is larger than 1 MiB: it is not a .env file.`);
  const value = parse(bytes)[source.name];
  if (value === undefined) throw new SourceError('env', `${source.file} has no ${source.name}.`);
  if (value === '') throw new SourceError('env', `${source.name} is empty in ${source.file}.`);
  return value;
}
