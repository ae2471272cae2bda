import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFolder } from '../../../electron/core/files/folder-listing';
import { tempDir } from '../../support/host-process';

describe('Browse…: listing a folder (real files)', () => {
  it('lists subfolders, then workspace files, by name; hidden entries and other files are left out', () => {
    const root = tempDir('listing');
    for (const folder of ['beta', 'Alpha', '.git', 'team 10', 'team 9']) mkdirSync(join(root, folder));
    writeFileSync(join(root, 'Acme.keyflow'), '{}');
    writeFileSync(join(root, 'notes.txt'), '');
    symlinkSync(join(root, 'beta'), join(root, 'linked'));
    const listing = listFolder(root);
    expect(listing.entries.map((entry) => `${entry.kind}:${entry.name}`)).toEqual([
      'folder:Alpha',
      'folder:beta',
      'folder:linked',
      'folder:team 9',
      'folder:team 10',
      'workspace-file:Acme.keyflow',
    ]);
    expect(listing).toMatchObject({ path: root, parent: join(root, '..'), truncated: false });
    expect(listing.entries[0]!.path).toBe(join(root, 'Alpha'));
    expect(listFolder('/').parent).toBeNull();
  });

  it('refuses what is not a full path to a folder, saying which', () => {
    const root = tempDir('listing-bad');
    writeFileSync(join(root, 'file.txt'), '');
    expect(() => listFolder('relative/path')).toThrow('“relative/path” is not a full path: start it at /.');
    expect(() => listFolder(join(root, 'file.txt'))).toThrow(`“${join(root, 'file.txt')}” is a file, not a folder.`);
    expect(() => listFolder(join(root, 'missing'))).toThrow(`There is no folder “${join(root, 'missing')}”.`);
  });
});
