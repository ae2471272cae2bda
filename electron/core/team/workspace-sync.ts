/**
 * Keeping a team workspace and its shared file in step. Local changes are recorded as
 * they happen and written ~200 ms later; the folder is watched, with polling as a
 * backstop. A sync reads the file and every conflicted copy a sync service left beside
 * it, keeps what is properly signed, evaluates what counts, signs this machine's pending
 * changes into one commit and writes the file whenever it lacks something — then removes
 * the copies it merged. A file is compared by content, never by size and time.
 */
import { rmSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SyncStatus } from '../../../shared/model/team';
import { countedAuditEntries } from './audit-rules';
import type { ResolvedChain } from './chain/chain-resolver';
import { linkIdOf, toChainLink } from './chain/chain-link';
import { conflictedCopies, readFileSafely, removeStaleTempFiles, writeFileAtomically } from './file/file-io';
import {
  contentKey,
  isOwnFile,
  parseWorkspaceFile,
  serializeWorkspaceFile,
  WorkspaceFileError,
  WORKSPACE_FILE_EXTENSION,
  WORKSPACE_FILE_FORMAT,
  type WorkspaceFile,
} from './file/workspace-file';
import { ingestFile, type Ingested } from './ingest';
import type { HeldVersion } from './workspace-evaluation';
import { auditHash } from '../audit/audit-entry';
import type { StoredAuditEntry } from '../audit/audit-log';
import { signCommit } from './records/signed-records';
import type { FileState } from './team-repository';
import type { TeamWorkspace } from './team-workspace';

/** At most this many refused changes are listed one by one; the rest are counted. */
const LISTED_REFUSALS = 50;

/** A workspace file as read and parsed, with its content's hash. */
export interface FileAsRead {
  file: WorkspaceFile;
  text: string;
  hash: string;
}

interface Report {
  problems: string[];
  refused: string[];
}

export class WorkspaceSync {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private preloaded: FileAsRead | null = null;
  private closed = false;
  /** Ids of the links this sync received: the ones that don't count are reported. */
  private readonly arrived: string[] = [];
  /**
   * What the last file read from elsewhere brought that was refused. It stays reported
   * until another file arrives: the syncs that follow at once (this machine's own write,
   * the watcher, the poll) read nothing new and must not wipe the warning.
   */
  private refusedOnArrival: string[] = [];
  private readonly canonicalTexts = new Map<string, string>();

  constructor(
    private readonly workspace: TeamWorkspace,
    public status: SyncStatus,
  ) {}

  preload(read: FileAsRead): void {
    this.preloaded = read;
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
    let mainContent = main.file ? null : state.content;
    if (main.file) {
      const { brought, content } = this.takeMain(main.file, report);
      received = brought || received;
      mainContent = content;
      const inFile = new Set(main.file.chain.map((link) => toChainLink(ws.id, link).id));
      const lacking = state.heads.filter((id) => !inFile.has(id));
      if (lacking.length > 0) {
        report.problems.push(
          `This workspace file is older than one Keyflow already saw here (it lacks ${lacking.length} membership change(s)): it may have been replaced by an old copy. Nothing from it was lost; Keyflow wrote the newer copy back.`,
        );
      }
    }
    if (received) ws.invalidate();
    const changed = ws.refresh();
    const evaluation = ws.currentEvaluation();
    for (const id of this.arrived.splice(0)) {
      const verdict = ws.resolved.verdict(id);
      const link = ws.resolved.graph.links[ws.resolved.graph.index(id) ?? -1];
      if (verdict && link) report.refused.push(`A membership change by ${ws.nameOf(link.author)} was refused: ${verdict}`);
    }
    if (main.file || merged.length > 0) this.refusedOnArrival = report.refused;
    const refused = [...this.refusedOnArrival, ...evaluation.refused, ...evaluation.waiting];

    const final = ws.resolved.final;
    let removedBy: SyncStatus['removedBy'] = null;
    let fileState: FileState = {
      hash: main.hash,
      heads: main.file ? headsOf(ws.id, main.file) : state.heads,
      refusedHash: main.refusedHash,
      refusal: main.refusal,
      content: main.text === null || main.refusedHash ? null : mainContent,
    };
    if (!final.members.has(ws.me)) {
      removedBy = this.removal();
    } else if (main.writable) {
      this.signPending();
      const ours = this.content();
      if (ours.key !== fileState.content) {
        try {
          const text = this.fileText(ours);
          const hash = writeFileAtomically(ws.filePath, text);
          fileState = { hash, heads: ws.resolved.headIds(), refusedHash: null, refusal: null, content: ours.key };
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
      problem: removedBy ? removalMessage(removedBy, this.deviceRemoved()) : report.problems.join(' ') || null,
      rejected: summarize(refused),
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
    const read = preloaded ? ({ kind: 'text', text: preloaded.text, hash: preloaded.hash } as const) : await readFileSafely(ws.filePath);
    const none = { file: null, received: false, refusedHash: null, refusal: null };
    if (read.kind === 'absent') return { ...none, text: null, hash: null, writable: true };
    if (read.kind === 'problem') {
      report.problems.push(read.message);
      return { ...none, text: null, hash: null, writable: false };
    }
    if (read.hash === state.refusedHash && state.refusal) {
      report.problems.push(state.refusal);
      return { ...none, text: read.text, hash: read.hash, writable: isOwnFile(read.text, ws.id), refusedHash: read.hash, refusal: state.refusal };
    }
    if (!preloaded && read.hash === state.hash) return { ...none, text: read.text, hash: read.hash, writable: true };
    let file: WorkspaceFile;
    try {
      file = preloaded?.file ?? parseWorkspaceFile(read.text, basename(ws.filePath));
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error;
      // A damaged copy of this workspace's file is replaced by this machine's; anything else is left alone.
      const ours = isOwnFile(read.text, ws.id);
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

  /** Keeps what the main file brings, and says what it holds. */
  private takeMain(file: WorkspaceFile, report: Report): { brought: boolean; content: string } {
    const ingested = this.ingest(file, report);
    const content = contentKey({
      format: file.format,
      genesis: file.genesis,
      links: file.chain.map((link) => linkIdOf(file.workspaceId, link)),
      commits: file.commits.map((commit) => commit.id),
      records: ingested.recordHashes,
      audit: file.audit.map((entry) => auditHash(entry)),
    });
    return { brought: ingested.linkIds.length + ingested.versions + ingested.audit > 0, content };
  }

  /** Keeps what a file brings; returns whether it brought anything. */
  private take(file: WorkspaceFile, report: Report): boolean {
    const ingested = this.ingest(file, report);
    return ingested.linkIds.length + ingested.versions + ingested.audit > 0;
  }

  private ingest(file: WorkspaceFile, report: Report): Ingested {
    const ws = this.workspace;
    if (file.genesis !== ws.repository.genesisId()) {
      report.problems.push('A copy of the workspace file names another creation of the workspace than the one this machine knows; its membership changes were refused.');
    }
    const ingested = ingestFile(ws, file);
    this.arrived.push(...ingested.linkIds);
    if (ingested.refusedLinks > 0)
      report.refused.push(`${ingested.refusedLinks} membership change(s) were refused: their signature is invalid (they were altered, or never signed by a member).`);
    if (ingested.refusedRecords > 0)
      report.refused.push(
        `${ingested.refusedRecords} record change(s) were refused: their signature is invalid (they were altered after they were signed, or never signed by a member).`,
      );
    if (ingested.refusedAudit > 0)
      report.refused.push(`${ingested.refusedAudit} audit entr${ingested.refusedAudit === 1 ? 'y was' : 'ies were'} refused: not signed by the member they name.`);
    return ingested;
  }

  /** Signs this person's pending changes: one commit per point of the chain they were made on (their rights are judged there). */
  private signPending(): void {
    const ws = this.workspace;
    const pending = new Map<string, string[]>();
    for (const held of ws.versions.byHash.values()) {
      if (held.row.commit !== '' || held.record.author !== ws.deviceId) continue;
      const context = JSON.stringify(held.row.context ?? ws.resolved.headIds());
      pending.set(context, [...(pending.get(context) ?? []), held.row.hash]);
    }
    for (const [context, hashes] of pending) {
      const commit = signCommit(ws.id, ws.options.identity.keys, ws.now().toISOString(), JSON.parse(context) as string[], hashes);
      ws.repository.markCommitted(commit, hashes);
      ws.commits.set(commit.id, commit);
      for (const hash of hashes) ws.versions.signed(hash, commit);
    }
  }

  /** What this machine writes: every link, the versions that count (and format 1 ones still needed), their commits, the counted audit. */
  private content(): { key: string; written: HeldVersion[]; commitIds: string[]; audit: StoredAuditEntry[] } {
    const ws = this.workspace;
    const evaluation = ws.currentEvaluation();
    // A key deleted here since the evaluation keeps no version in the file.
    const live = ws.resolved.final.liveKeys();
    const written = [...[...evaluation.winners.values()].filter((held) => held.record.kind !== 'secret' || live.has(held.record.id)), ...evaluation.carried];
    const commitIds = [...new Set(written.map((held) => held.row.commit))].filter((id) => ws.commits.has(id));
    const audit = ws.audit.counted();
    const key = contentKey({
      format: WORKSPACE_FILE_FORMAT,
      genesis: ws.repository.genesisId(),
      links: ws.resolved.graph.links.map((link) => link.id),
      commits: commitIds,
      records: written.map((held) => held.row.hash),
      audit: audit.map((entry) => entry.hash),
    });
    return { key, written, commitIds, audit };
  }

  private fileText(content: ReturnType<WorkspaceSync['content']>): string {
    const ws = this.workspace;
    const links = ws.resolved.graph.links;
    return serializeWorkspaceFile(
      {
        format: WORKSPACE_FILE_FORMAT,
        workspaceId: ws.id,
        genesis: ws.repository.genesisId(),
        chain: links.map((link) => link.stored),
        commits: content.commitIds.map((id) => ws.commits.get(id)!.stored),
        records: content.written.map((held) => held.row.text),
        audit: content.audit.map((entry) => entry.entry),
      },
      this.canonicalTexts,
      links.map((link) => link.id),
    );
  }

  /** Who removed this person (or this device), and when: the removal that counts. */
  private removal(): SyncStatus['removedBy'] {
    const ws = this.workspace;
    const removal = ws.resolved
      .revocations()
      .map(({ link }) => link)
      .find((link) =>
        link.changes.some(
          (change) =>
            (change.type === 'remove-member' && ws.resolved.registers.ownerOfDevice(ws.deviceId) === change.memberId) ||
            (change.type === 'remove-device' && change.deviceId === ws.deviceId),
        ),
      );
    return removal ? { name: ws.nameOf(removal.author), at: removal.at } : { name: 'An Admin', at: ws.now().toISOString() };
  }

  /** Whether this device was removed while its member stays. */
  private deviceRemoved(): boolean {
    const ws = this.workspace;
    const memberId = ws.resolved.final.everDevices.get(ws.deviceId)?.memberId;
    return memberId !== undefined && ws.resolved.final.members.has(memberId);
  }
}

function removalMessage(removedBy: NonNullable<SyncStatus['removedBy']>, device: boolean): string {
  const what = device ? 'removed this device from this workspace' : 'removed you from this workspace';
  return `${removedBy.name} ${what} (${removedBy.at.slice(0, 10)}). Its secret keys were removed from this machine; you keep no copy of their values. Its workflows and members are no longer shown to you. Ask an Admin to add ${device ? 'this device' : 'you'} again if this was a mistake.`;
}

function summarize(refused: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const message of refused) counts.set(message, (counts.get(message) ?? 0) + 1);
  const lines = [...counts].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message));
  return lines.length > LISTED_REFUSALS ? [...lines.slice(0, LISTED_REFUSALS), `…and ${lines.length - LISTED_REFUSALS} more.`] : lines;
}

/** The ids of a file's links that no other link of it names as a parent. */
function headsOf(workspaceId: string, file: WorkspaceFile): string[] {
  const links = file.chain.map((link) => toChainLink(workspaceId, link));
  const parents = new Set(links.flatMap((link) => link.parents));
  return links
    .map((link) => link.id)
    .filter((id) => !parents.has(id))
    .sort();
}
