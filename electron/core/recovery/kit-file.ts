/** Writes a kit into the folder the person chose: readable by them alone, never over an existing file. */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/errors';
import { PRIVATE_FILE_MODE } from '../private-files';

/** `name`, or "name (2).ext", "name (3).ext"… when it is taken. */
function candidate(name: string, n: number): string {
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

export async function writeKitFile(folder: string, name: string, content: Buffer): Promise<string> {
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) throw new BridgeError('invalid_request', `There is no folder at ${folder}: choose another.`, 'folder');
  for (let n = 1; n <= 100; n++) {
    const path = join(folder, candidate(name, n));
    let file;
    try {
      file = await open(path, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new BridgeError('invalid_request', `Keyflow may not write in ${folder}: choose another folder.`, 'folder');
      }
      throw error;
    }
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    return path;
  }
  throw new BridgeError('conflict', `${folder} already holds 100 recovery kits of this vault: choose another folder.`, 'folder');
}
