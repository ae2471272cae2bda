/**
 * A sync service between browser hosts: each host keeps its own copy of a team workspace
 * file in its own folder, and these helpers carry a copy from one folder to another the
 * way Dropbox or Drive would (written beside the target, then renamed over it, so the
 * host's watcher never sees half a file).
 */
import { copyFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunningHost } from './host-process';
import { convergeCopies } from './team';

/** One host and where its copy of the workspace file lives. */
export interface HostCopy {
  host: RunningHost;
  file: string;
}

let deliveries = 0;

/** Replaces `to` with a copy of `from`, atomically (the temporary name doesn't look like the workspace file). */
export function deliverFile(from: string, to: string): void {
  const temp = join(dirname(to), `.delivery-${process.pid}-${++deliveries}.tmp`);
  copyFileSync(from, temp);
  renameSync(temp, to);
}

/** Syncs each host and delivers its file to the next until every copy is the same and a further sync changes nothing. */
export function convergeHosts(copies: HostCopy[]): Promise<void> {
  return convergeCopies(
    copies.map((copy) => ({ file: copy.file, sync: () => copy.host.call('workspaces.sync', {}) })),
    deliverFile,
  );
}
