/**
 * Keeping a team workspace and its shared file in step. Local changes are recorded as
 * they happen and written ~200 ms later; the folder is watched, with polling as a
 * backstop. A sync reads the file and every conflicted copy a sync service left beside
 * it, keeps what is properly signed, evaluates what counts, signs this machine's pending
 * changes into one commit and writes the file whenever it lacks something — then removes
 * the copies it merged. A file is compared by content, never by size and time.
 */
import { createHash } from 'node:crypto';
import { rmSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SyncStatus } from '../../../shared/model/team';
import { countedAuditEntries } from './audit-rules';
import type { ResolvedChain } from './chain/chain-resolver';
import { toChainLink } from './chain/chain-link';
import { conflictedCopies, readFileSafely, removeStaleTempFiles, writeFileAtomically } from './file/file-io';
import { fileHeader, parseWorkspaceFile, serializeWorkspaceFile, WorkspaceFileError, WORKSPACE_FILE_EXTENSION, type WorkspaceFile } from './file/workspace-file';
import { ingestFile } from './ingest';
import { signCommit } from './records/signed-records';
import type { FileState } from './team-repository';
import type { TeamWorkspace } from './team-workspace';

/** At most this many refused changes are listed one by one; the rest are counted. */
const LISTED_REFUSALS = 50;

interface Report {
  problems: string[];
  refused: string[];
}

export class WorkspaceSync {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private preloaded: WorkspaceFile | null = null;
  private closed = false;
  /** Ids of the links this sync received: the ones that don't count are reported. */
  private readonly arrived: string[] = [];

  constructor(
    private readonly workspace: TeamWorkspace,
    public status: SyncStatus,
  ) {}

  preload(file: WorkspaceFile): void {
    this.preloaded = file;
  }

  startWatching(pollIntervalMs: number): void {
    const { filePath, options } = this.workspace;
    try {
      this.watcher = watch(dirname(filePath), { persistent: false }, (_event, name) => {
        if (name && String(name).startsWith(basename(filePath, WORKSPACE_FILE_EXTENSION))) this.schedule(300);
      });
      this.watcher.on('error', () => undefined);
    } catch (error) {
      options.logger.info(`can't watch ${dirname(filePath)}; polling only (${(error as Error).message})`);
    }
    this.pollTimer = setInterval(() => this.schedule(0), pollIntervalMs);
    this.pollTimer.unref();
  }

  async close(): Promise<void> {
    this.watcher?.close();
    if (this.pollTimer) clearInterval(this.pollTimer);
    const pending = this.timer !== null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (pending) await this.run();
    await this.queue;
    this.closed = true;
  }

  /** Syncs soon (coalescing bursts of local changes into one write). */
  schedule(delayMs = 200): void {
    // A run still finishing after a switch may record its use here: the next open writes it.
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run().catch((error) => this.workspace.options.logger.error(`sync of ${this.workspace.filePath} failed`, error));
    }, delayMs);
    this.timer.unref?.();
  }

  /** One read-merge-write at a time. */
  run(): Promise<SyncStatus> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const run = this.queue.then(() => this.syncOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  countedAudit(chain: ResolvedChain): Set<string> {
    return countedAuditEntries(this.workspace.audit.all(), chain);
  }

  private async syncOnce(): Promise<SyncStatus> {
    const ws = this.workspace;
    const report: Report = { problems: [], refused: [] };
    const state = ws.repository.fileState();
    removeStaleTempFiles(ws.filePath);

    const main = await this.readMain(state, report);
    const merged: string[] = [];
    let received = main.received;
    for (const copy of conflictedCopies(ws.filePath)) {
      const file = await this.readCopy(copy, report);
      if (!file) continue;
      received = this.take(file, report) || received;
      merged.push(copy);
    }
    if (main.file) {
      received = this.take(main.file, report) || received;
      const inFile = new Set(main.file.chain.map((link) => toChainLink(ws.id, link).id));
      const lacking = state.heads.filter((id) => !inFile.has(id));
      if (lacking.length > 0) {
        report.problems.push(
          `This workspace file is older than one Keyflow already saw here (it lacks ${lacking.length} membership change(s)): it may have been replaced by an old copy. Nothing from it was lost; Keyflow wrote the newer copy back.`,
        );
      }
    }
    if (received) ws.invalidate(true);
    const changed = ws.refresh();
    const evaluation = ws.currentEvaluation();
    report.refused.push(...evaluation.refused, ...evaluation.waiting);
    for (const id of this.arrived.splice(0)) {
      const verdict = ws.resolved.verdict(id);
      const link = ws.resolved.graph.links[ws.resolved.graph.index(id) ?? -1];
      if (verdict && link) report.refused.push(`A membership change by ${ws.nameOf(link.author)} was refused: ${verdict}`);
    }

    const final = ws.resolved.final;
    let removedBy: SyncStatus['removedBy'] = null;
    let fileState: FileState = { hash: main.hash, heads: main.file ? headsOf(ws.id, main.file) : state.heads, refusedHash: main.refusedHash, refusal: main.refusal };
    if (!final.members.has(ws.me)) {
      removedBy = this.removal();
    } else if (main.writable) {
      const text = this.fileText();
      if (text !== main.text) {
        try {
          writeFileAtomically(ws.filePath, text);
          fileState = { hash: hashOf(text), heads: ws.resolved.headIds(), refusedHash: null, refusal: null };
          for (const copy of merged) rmSync(copy, { force: true });
        } catch (error) {
          // Local changes stay recorded here and are written at the next sync.
          const code = (error as NodeJS.ErrnoException).code ?? 'error';
          report.problems.push(`The workspace file could not be written (${code}): check that its folder is still there and writable.`);
        }
      } else {
        for (const copy of merged) rmSync(copy, { force: true });
      }
    }
    ws.repository.saveFileState(fileState);
    this.status = {
      state: removedBy ? 'removed' : report.problems.length > 0 ? 'failed' : 'synced',
      at: ws.now().toISOString(),
      problem: removedBy ? removalMessage(removedBy) : report.problems.join(' ') || null,
      rejected: summarize(report.refused),
      removedBy,
    };
    ws.repository.saveStatus(this.status, final.name || basename(ws.filePath, WORKSPACE_FILE_EXTENSION), final.members.get(ws.me)?.role ?? null);
    if (changed || received) ws.options.onRemoteChange?.();
    return this.status;
  }

  /** The main file: read unless unchanged since last seen; never written over unless it is this workspace's or absent. */
  private async readMain(
    state: FileState,
    report: Report,
  ): Promise<{ file: WorkspaceFile | null; text: string | null; hash: string | null; writable: boolean; received: boolean; refusedHash: string | null; refusal: string | null }> {
    const ws = this.workspace;
    const preloaded = this.preloaded;
    this.preloaded = null;
    const read = await readFileSafely(ws.filePath);
    const none = { file: null, received: false, refusedHash: null, refusal: null };
    if (read.kind === 'absent') return { ...none, text: null, hash: null, writable: true };
    if (read.kind === 'problem') {
      report.problems.push(read.message);
      return { ...none, text: null, hash: null, writable: false };
    }
    if (read.hash === state.refusedHash && state.refusal) {
      report.problems.push(state.refusal);
      return { ...none, text: read.text, hash: read.hash, writable: read.text.startsWith(fileHeader(ws.id)), refusedHash: read.hash, refusal: state.refusal };
    }
    if (!preloaded && read.hash === state.hash) return { ...none, text: read.text, hash: read.hash, writable: true };
    let file: WorkspaceFile;
    try {
      file = preloaded ?? parseWorkspaceFile(read.text, basename(ws.filePath));
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error;
      // A damaged copy of this workspace's file is replaced by this machine's; anything else is left alone.
      const ours = read.text.startsWith(fileHeader(ws.id));
      const refusal = ours ? `${error.message} Keyflow wrote its own copy over it.` : `${error.message} Keyflow did not change it.`;
      report.problems.push(refusal);
      return { ...none, text: read.text, hash: read.hash, writable: ours, refusedHash: read.hash, refusal };
    }
    if (file.workspaceId !== ws.id) {
      const refusal = `${basename(ws.filePath)} now holds a different workspace; Keyflow did not change it.`;
      report.problems.push(refusal);
      return { ...none, text: read.text, hash: read.hash, writable: false, refusedHash: read.hash, refusal };
    }
    return { file, text: read.text, hash: read.hash, writable: true, received: false, refusedHash: null, refusal: null };
  }

  private async readCopy(path: string, report: Report): Promise<WorkspaceFile | null> {
    const name = `The conflicted copy “${basename(path)}” (left in place)`;
    const read = await readFileSafely(path);
    if (read.kind !== 'text') {
      if (read.kind === 'problem') report.problems.push(`${name}: ${read.message}`);
      return null;
    }
    try {
      const file = parseWorkspaceFile(read.text, basename(path));
      return file.workspaceId === this.workspace.id ? file : null;
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error;
      report.problems.push(`${name} was refused: ${error.message}`);
      return null;
    }
  }

  /** Keeps what a file brings; returns whether it brought anything. */
  private take(file: WorkspaceFile, report: Report): boolean {
    const ws = this.workspace;
    if (file.genesis !== ws.repository.genesisId()) {
      report.problems.push('A copy of the workspace file names another creation of the workspace than the one this machine knows; its membership changes were refused.');
    }
    const ingested = ingestFile(ws, file);
    this.arrived.push(...ingested.linkIds);
    if (ingested.refusedLinks > 0) report.refused.push(`${ingested.refusedLinks} membership change(s) were refused: their signature is invalid (they were altered, or never signed by a member).`);
    if (ingested.refusedRecords > 0) report.refused.push(`${ingested.refusedRecords} record change(s) were refused: their signature is invalid (they were altered after they were signed, or never signed by a member).`);
    if (ingested.refusedAudit > 0) report.refused.push(`${ingested.refusedAudit} audit entr${ingested.refusedAudit === 1 ? 'y was' : 'ies were'} refused: not signed by the member they name.`);
    return ingested.linkIds.length + ingested.versions + ingested.audit > 0;
  }

  /** Signs this person's pending changes into one commit, then builds the file's text. */
  private fileText(): string {
    const ws = this.workspace;
    const pending = [...ws.versions.byHash.values()].filter((held) => held.row.commit === '' && held.record.author === ws.me);
    if (pending.length > 0) {
      const hashes = pending.map((held) => held.row.hash);
      const commit = signCommit(ws.id, ws.options.identity.keys, ws.now().toISOString(), ws.resolved.headIds(), hashes);
      ws.repository.markCommitted(commit, hashes);
      ws.commits.set(commit.id, commit);
      for (const hash of hashes) ws.versions.signed(hash, commit);
    }
    const evaluation = ws.currentEvaluation();
    const final = ws.resolved.final;
    const records = [...evaluation.winners.values()].filter((held) => held.record.kind !== 'secret' || (final.key(held.record.id) && !final.key(held.record.id)!.deleted));
    const written = [...records, ...evaluation.carried];
    const commitIds = new Set(written.map((held) => held.row.commit));
    return serializeWorkspaceFile({
      workspaceId: ws.id,
      genesis: ws.repository.genesisId(),
      chain: ws.resolved.graph.links.map((link) => link.stored),
      commits: [...commitIds].flatMap((id) => (ws.commits.has(id) ? [ws.commits.get(id)!.stored] : [])),
      records: written.map((held) => held.row.text),
      audit: ws.audit.records(),
    });
  }

  /** Who removed this person, and when: the removal that counts. */
  private removal(): SyncStatus['removedBy'] {
    const ws = this.workspace;
    const removal = ws.resolved
      .revocations()
      .map(({ link }) => link)
      .find((link) => link.changes.some((change) => change.type === 'remove-member' && change.memberId === ws.me));
    return removal ? { name: ws.nameOf(removal.author), at: removal.at } : { name: 'An Admin', at: ws.now().toISOString() };
  }
}

function removalMessage(removedBy: NonNullable<SyncStatus['removedBy']>): string {
  return `${removedBy.name} removed you from this workspace (${removedBy.at.slice(0, 10)}). Its secret keys were removed from this machine; you keep no copy of their values. Its workflows and members are no longer shown to you. Ask an Admin to add you again if this was a mistake.`;
}

function summarize(refused: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const message of refused) counts.set(message, (counts.get(message) ?? 0) + 1);
  const lines = [...counts].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message));
  return lines.length > LISTED_REFUSALS ? [...lines.slice(0, LISTED_REFUSALS), `…and ${lines.length - LISTED_REFUSALS} more.`] : lines;
}

function hashOf(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

/** The ids of a file's links that no other link of it names as a parent. */
function headsOf(workspaceId: string, file: WorkspaceFile): string[] {
  const links = file.chain.map((link) => toChainLink(workspaceId, link));
  const parents = new Set(links.flatMap((link) => link.parents));
  return links.map((link) => link.id).filter((id) => !parents.has(id)).sort();
}
