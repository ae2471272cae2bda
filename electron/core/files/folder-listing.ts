/**
 * Browse… in the browser host (which has no native file dialog) and wherever else the
 * renderer draws its own: one folder's subfolders and workspace files. Names only: no
 * file is read, and nothing outside what the person could open in a file dialog.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import { BridgeError } from '../../../shared/bridge/errors';
import { WORKSPACE_FILE_EXTENSION, type FolderEntry, type FolderListing } from '../../../shared/model/files';

/** A folder with more entries is listed in part (search by typing its path instead). */
export const MAX_ENTRIES = 2000;

function places(): FolderListing['places'] {
  const found = [{ name: 'Home', path: homedir() }];
  if (process.platform === 'win32') {
    for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') if (existsSync(`${letter}:\\`)) found.push({ name: `${letter}:`, path: `${letter}:\\` });
  } else found.push({ name: 'Computer', path: '/' });
  return found;
}

export function listFolder(requested: string | undefined): FolderListing {
  const text = requested?.trim() || homedir();
  if (!isAbsolute(text))
    throw new BridgeError('invalid_request', `“${text}” is not a full path: start it at ${process.platform === 'win32' ? 'a drive, such as C:\\' : '/'}.`, 'path');
  const path = resolve(text);
  let names: import('node:fs').Dirent[];
  try {
    if (!statSync(path).isDirectory()) throw new BridgeError('invalid_request', `“${path}” is a file, not a folder.`, 'path');
    names = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BridgeError('not_found', `There is no folder “${path}”.`, 'path');
    if (code === 'EACCES' || code === 'EPERM') throw new BridgeError('forbidden', `Keyflow may not read the folder “${path}”.`, 'path');
    throw new BridgeError('invalid_request', `Keyflow couldn’t read the folder “${path}”.`, 'path');
  }
  const entries: FolderEntry[] = [];
  for (const entry of names) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    // A link to a folder is a folder here (Dropbox and Drive are often linked into the home folder).
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderPath(full));
    if (isFolder) entries.push({ name: entry.name, path: full, kind: 'folder' });
    else if (entry.name.toLowerCase().endsWith(WORKSPACE_FILE_EXTENSION)) entries.push({ name: entry.name, path: full, kind: 'workspace-file' });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) : a.kind === 'folder' ? -1 : 1));
  const root = parse(path).root === path;
  return { path, parent: root ? null : dirname(path), entries: entries.slice(0, MAX_ENTRIES), places: places(), truncated: entries.length > MAX_ENTRIES };
}

function isFolderPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
