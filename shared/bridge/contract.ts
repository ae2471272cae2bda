/**
 * The single declaration of every call the renderer can make to main.
 * The main-side registry, the preload, the renderer client and the browser-host
 * transport all derive from this map; adding a call here is the only way to add one.
 *
 * Rule: no result type may contain a secret's value. Values only ever travel
 * renderer → main (create, updateValue), never back.
 */
import { z } from 'zod';
import { SECRET_TYPES, SECRET_DESCRIPTION_MAX, SECRET_NAME_MAX, SECRET_VALUE_MAX_BYTES, type SecretMeta } from '../model/secret';
import type { VaultStatus } from '../model/vault';
import type { DeletedKey, KeyPolicy, ValueVersion } from '../model/versions';
import { ROTATION_DAYS_MAX } from '../model/rotation';
import type { SecretReference } from '../model/references';
import { workflowDefinitionSchema, type Workflow, type WorkflowSummary } from '../model/workflow';
import type { ImportResult, WorkflowExport } from '../model/workflow-transfer';
import type { Run, RunLabel, RunSummary } from '../model/run';
import { IMPORT_FORMATS, type ImportOutcome, type ImportPreview, type SecurityFinding } from '../model/imports';
import { FINGERPRINT_PATTERN } from '../detection/fingerprint';
import { MAX_ALLOWED_DOMAINS } from '../model/domains';
import type { AppInfo } from '../model/app';
import { MAX_ENVIRONMENTS, VARIABLE_VALUE_MAX, type EnvironmentDeletion, type EnvironmentsView } from '../model/environment';
import { sourceSchema, type SourcesStatus, type SourceTestResult } from '../model/source';
import { KIT_FORMATS, type NewRecoveryKit, type RecoveryStatus, type StartOverPreview } from '../model/recovery';
import { PATH_KINDS, type FolderListing } from '../model/files';
import type { BackupSchedule, RestorePreview, RestoreResult } from '../model/backup';
import { AUDIT_ACTIONS, GRANT_LEVELS, ROLES, VISIBILITIES, type AuditEntry, type Profile, type RemovalPreview, type TeamDetails, type WorkspaceSummary } from '../model/team';

/** Phantom marker carrying a result type through the contract without a runtime schema. */
interface Returns<T> {
  readonly __result?: T;
}

interface CallSpec<A extends z.ZodType, R> {
  args: A;
  returns: Returns<R>;
}

/** `call<Result>()(argsSchema)`: curried so the schema's type is inferred and only the result is spelled out. */
function call<R>() {
  return <A extends z.ZodType>(args: A): CallSpec<A, R> => ({ args, returns: {} });
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
// Lengths here only bound the payload; the precise rules (and their messages) live in model/secret.
const name = z.string().max(SECRET_NAME_MAX * 4);
// A 64 KiB UTF-8 value is at most 64 Ki UTF-16 code units; the byte limit is checked in the vault.
const value = z.string().max(SECRET_VALUE_MAX_BYTES + 1);
const description = z.string().max(SECRET_DESCRIPTION_MAX);
const domains = z.array(z.string().max(300)).max(MAX_ALLOWED_DOMAINS);
const passphrase = z.string().min(1).max(1024);
const noArgs = z.object({}).strict();
const role = z.enum(ROLES);
const grant = z.object({ principal: z.object({ kind: z.enum(['member', 'group']), id }).strict(), level: z.enum(GRANT_LEVELS) }).strict();
const access = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team') }).strict(),
  z.object({ kind: z.literal('restricted'), grants: z.array(grant).max(500) }).strict(),
]);
const personName = z.string().max(200);
const email = z.string().max(320);
const path = z.string().min(1).max(4096);
const environmentId = id;
const principal = z.object({ kind: z.enum(['member', 'group']), id }).strict();
const variableValues = z.record(z.string().max(64), z.string().max(VARIABLE_VALUE_MAX));
// Bounds the payload only; the format (and its checksum) is checked in main, by model/recovery-key.
const recoveryKey = z.string().min(1).max(200);
// No length limit here: the import checks its size limit first thing, in a message naming the file and its
// size (a limit here would only word it worse: by the time a payload is parsed it is in memory anyway).
const importSource = z.object({ format: z.enum(IMPORT_FORMATS), text: z.string(), fileName: z.string().max(300).optional() }).strict();
const planKey = z.string().max(24);
const importDecisions = z
  .object({
    credentials: z
      .array(
        z
          .object({
            id: planKey,
            action: z.enum(['key', 'plain']),
            name: name.optional(),
            type: z.enum(SECRET_TYPES).optional(),
            allowedDomains: domains.optional(),
            keyId: id.nullable().optional(),
          })
          .strict(),
      )
      .max(10_000),
    skippedSteps: z.array(planKey).max(100_000).optional(),
    workflowNames: z.record(planKey, name).optional(),
    environment: z.union([z.object({ id: environmentId }).strict(), z.object({ name: z.string().max(200) }).strict()]).optional(),
  })
  .strict();
const fingerprint = z.string().regex(FINGERPRINT_PATTERN, 'must be a finding id');
// The precise rules (a date, whole days in range) and their messages live in model/rotation.
const expiresAt = z.string().max(40).nullable();
const rotationDays = z
  .number()
  .max(ROTATION_DAYS_MAX * 10)
  .nullable();

export const bridgeContract = {
  'app.info': call<AppInfo>()(noArgs),

  'vault.status': call<VaultStatus>()(noArgs),
  'vault.setUpPassphrase': call<VaultStatus>()(z.object({ passphrase }).strict()),
  'vault.useSafeStorage': call<VaultStatus>()(noArgs),
  'vault.unlock': call<VaultStatus>()(z.object({ passphrase }).strict()),

  'secrets.list': call<SecretMeta[]>()(z.object({ query: z.string().max(200).optional() }).strict()),
  /** A key is created with a value, or linked to an external source, in one environment (the first when none is named). */
  'secrets.create': call<SecretMeta>()(
    z
      .object({
        name,
        value: value.optional(),
        source: sourceSchema.optional(),
        environmentId: environmentId.optional(),
        description: description.optional(),
        type: z.enum(SECRET_TYPES).optional(),
        allowedDomains: domains.optional(),
        readableByRunCode: z.boolean().optional(),
        access: access.optional(),
        visibility: z.enum(VISIBILITIES).optional(),
        expiresAt: expiresAt.optional(),
        rotationDays: rotationDays.optional(),
      })
      .strict(),
  ),
  'secrets.rename': call<SecretMeta>()(z.object({ id, name }).strict()),
  'secrets.setDescription': call<SecretMeta>()(z.object({ id, description }).strict()),
  /** A new value in one environment (the first when none is named). */
  'secrets.updateValue': call<SecretMeta>()(z.object({ id, value, environmentId: environmentId.optional() }).strict()),
  /** Links a key's value in one environment to an external source (only the reference is kept). */
  'secrets.link': call<SecretMeta>()(z.object({ id, source: sourceSchema, environmentId: environmentId.optional() }).strict()),
  /** Removes a key's value (or link) in one environment. */
  'secrets.clearValue': call<SecretMeta>()(z.object({ id, environmentId }).strict()),
  /** Fetches a linked value now: its length and hint, never the value. */
  'secrets.testLink': call<SourceTestResult>()(z.object({ id, environmentId }).strict()),
  'secrets.setAllowedDomains': call<SecretMeta>()(z.object({ id, allowedDomains: domains }).strict()),
  /** Whether Run Code variables may hold the value (Manage right). */
  'secrets.setReadableByRunCode': call<SecretMeta>()(z.object({ id, readable: z.boolean() }).strict()),
  /** Ids of the keys in this workspace that exist but are restricted from you (workflows may reference them). */
  'secrets.restrictedIds': call<string[]>()(noArgs),
  'secrets.setAccess': call<SecretMeta>()(z.object({ id, access }).strict()),
  'secrets.usage': call<SecretReference[]>()(z.object({ id }).strict()),
  'secrets.delete': call<{ id: string }>()(z.object({ id }).strict()),
  /** A key's value versions per environment (current and the earlier ones this computer keeps): who and when, never a value. */
  'secrets.versions': call<ValueVersion[]>()(z.object({ id }).strict()),
  /** Makes an earlier version current again, as a new version (Manage right). */
  'secrets.rollback': call<SecretMeta>()(z.object({ id, environmentId, version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict()),
  /** Rotation reminders: an expiry date and/or a rotation interval in days (null: none). */
  'secrets.setRotation': call<SecretMeta>()(z.object({ id, expiresAt, rotationDays }).strict()),
  /** Deleted keys that can still be restored (30 days; personal workspaces). */
  'secrets.recentlyDeleted': call<DeletedKey[]>()(noArgs),
  /** Puts a recently deleted key back under its id. */
  'secrets.restore': call<SecretMeta>()(z.object({ id }).strict()),
  /** The workspace's rules for values: versions kept (1–100), and whether runs with expired keys are refused. */
  'secrets.policy': call<KeyPolicy>()(noArgs),
  'secrets.setPolicy': call<KeyPolicy>()(z.object({ versionsKept: z.number().int().max(1000), refuseExpiredKeys: z.boolean() }).strict()),

  'environments.list': call<EnvironmentsView>()(noArgs),
  'environments.create': call<EnvironmentsView>()(z.object({ name: z.string().max(200) }).strict()),
  'environments.rename': call<EnvironmentsView>()(z.object({ id: environmentId, name: z.string().max(200) }).strict()),
  'environments.reorder': call<EnvironmentsView>()(z.object({ ids: z.array(environmentId).max(MAX_ENVIRONMENTS) }).strict()),
  /** What deleting an environment takes away: the keys and variables with a value there. */
  'environments.previewDelete': call<EnvironmentDeletion>()(z.object({ id: environmentId }).strict()),
  'environments.delete': call<EnvironmentsView>()(z.object({ id: environmentId }).strict()),
  /** Protection, and who besides Owners and Admins may run in it (team workspaces). */
  'environments.setProtection': call<EnvironmentsView>()(z.object({ id: environmentId, protected: z.boolean(), runGrants: z.array(principal).max(500) }).strict()),
  'variables.create': call<EnvironmentsView>()(z.object({ name: z.string().max(400), values: variableValues.optional() }).strict()),
  'variables.rename': call<EnvironmentsView>()(z.object({ id, name: z.string().max(400) }).strict()),
  /** Sets a variable's text in one environment; null removes it there. */
  'variables.setValue': call<EnvironmentsView>()(z.object({ id, environmentId, value: z.string().max(VARIABLE_VALUE_MAX).nullable() }).strict()),
  'variables.delete': call<EnvironmentsView>()(z.object({ id }).strict()),

  /** Fetches a value from a source before it is saved (the link dialog's Test): length and hint, never the value. */
  'sources.test': call<SourceTestResult>()(z.object({ source: sourceSchema, visibility: z.enum(VISIBILITIES).optional() }).strict()),
  'sources.status': call<SourcesStatus>()(noArgs),
  /** Unlocks a KeePass database for this launch (password and/or key file kept in main memory only). */
  'sources.unlockKeePass': call<SourcesStatus>()(z.object({ database: path, password: z.string().max(4096).optional(), keyFile: path.optional() }).strict()),
  /** Forgets every unlocked database. */
  'sources.lock': call<SourcesStatus>()(noArgs),
  /** Saves a HashiCorp Vault token for a server in the OS keychain. */
  'sources.setVaultToken': call<SourcesStatus>()(z.object({ address: z.string().min(1).max(2000), token: z.string().min(1).max(4096) }).strict()),

  'identity.get': call<Profile>()(noArgs),
  'identity.update': call<Profile>()(z.object({ name: personName, email }).strict()),
  /** The public identity as text to hand an Admin (public keys only). */
  'identity.export': call<{ text: string; fingerprint: string }>()(noArgs),

  'workspaces.list': call<WorkspaceSummary[]>()(noArgs),
  /** Creates a team workspace file in `folder` (a synced folder) and switches to it. */
  'workspaces.create': call<WorkspaceSummary>()(z.object({ name: personName, folder: path }).strict()),
  /** Opens an existing workspace file (you must be a member) and switches to it. */
  'workspaces.open': call<WorkspaceSummary>()(z.object({ path }).strict()),
  'workspaces.switch': call<WorkspaceSummary>()(z.object({ id }).strict()),
  /** Reads, verifies and merges the workspace file now, and writes back local changes. */
  'workspaces.sync': call<TeamDetails>()(noArgs),

  /** Browse…: one folder's subfolders and workspace files (the home folder when no path is given). */
  'files.list': call<FolderListing>()(z.object({ path: path.optional() }).strict()),
  /** Browse… with the system's own dialog (Electron only: AppInfo.nativeFileDialogs); null when cancelled. */
  'files.choose': call<{ path: string | null }>()(z.object({ kind: z.enum(PATH_KINDS) }).strict()),

  /** Automatic backups: on or off, their folder, the last backup's time and the last failure. */
  'backups.status': call<BackupSchedule>()(noArgs),
  /** Backs up the active workspace (what this person holds) to a new file, encrypted under `passphrase`. */
  'backups.create': call<{ path: string; createdAt: string }>()(z.object({ path, passphrase, includeRuns: z.boolean().optional() }).strict()),
  /** Opens a backup and says what restoring it into the personal workspace would add, replace or leave; changes nothing. */
  'backups.preview': call<RestorePreview>()(z.object({ path, passphrase }).strict()),
  /** Restores what a preview opened, in one transaction. */
  'backups.restore': call<RestoreResult>()(z.object({ previewId: id }).strict()),
  /** Turns automatic backups on (folder, and a passphrase kept in the keychain) or off. */
  'backups.setSchedule': call<BackupSchedule>()(z.object({ enabled: z.boolean(), folder: path.optional(), passphrase: passphrase.optional() }).strict()),

  'team.get': call<TeamDetails>()(noArgs),
  'team.addMember': call<TeamDetails>()(z.object({ identity: z.string().max(10_000), role }).strict()),
  'team.addDevice': call<TeamDetails>()(z.object({ memberId: id, identity: z.string().max(10_000) }).strict()),
  'team.removeDevice': call<TeamDetails>()(z.object({ memberId: id, deviceId: id }).strict()),
  'team.setRole': call<TeamDetails>()(z.object({ memberId: id, role }).strict()),
  'team.previewRemoval': call<RemovalPreview>()(z.object({ memberId: id }).strict()),
  /** Returns the secrets the removed member could read: rotate them at the source. */
  'team.removeMember': call<{ team: TeamDetails; rotateAtSource: { id: string; name: string }[] }>()(z.object({ memberId: id }).strict()),
  'team.saveGroup': call<TeamDetails>()(z.object({ id: id.optional(), name: personName, memberIds: z.array(id).max(1000) }).strict()),
  'team.deleteGroup': call<TeamDetails>()(z.object({ id }).strict()),
  'team.setSettings': call<TeamDetails>()(z.object({ editorsCanCreateSecrets: z.boolean() }).strict()),

  'audit.list': call<AuditEntry[]>()(z.object({ secretId: id.optional(), actorId: id.optional(), action: z.enum(AUDIT_ACTIONS).optional() }).strict()),

  'workflows.list': call<WorkflowSummary[]>()(noArgs),
  'workflows.get': call<Workflow>()(z.object({ id }).strict()),
  'workflows.create': call<Workflow>()(z.object({ name }).strict()),
  'workflows.save': call<Workflow>()(z.object({ id, name, definition: workflowDefinitionSchema }).strict()),
  'workflows.duplicate': call<Workflow>()(z.object({ id }).strict()),
  'workflows.delete': call<{ id: string }>()(z.object({ id }).strict()),
  'workflows.export': call<WorkflowExport>()(z.object({ id }).strict()),
  'workflows.import': call<ImportResult>()(z.object({ json: z.string().max(5 * 1024 * 1024), mapping: z.record(z.string(), id).optional() }).strict()),

  /** Reads a cURL command, Postman collection, OpenAPI description or .env file and shows what importing it would create; saves nothing. */
  'imports.preview': call<ImportPreview>()(z.object({ source: importSource }).strict()),
  /** Imports the same source as previewed, with the person's decisions: keys (values straight into the vault) and workflows. */
  'imports.commit': call<ImportOutcome>()(z.object({ source: importSource, decisions: importDecisions }).strict()),

  /** Every literal credential in the workspace's workflows, and every variable holding one (values never included). */
  'security.scan': call<SecurityFinding[]>()(noArgs),
  /** Turns one finding into a key; every place it stands gets the key's chip. */
  'security.convert': call<{ key: SecretMeta; workflows: number }>()(
    z.object({ id: fingerprint, name, type: z.enum(SECRET_TYPES).optional(), allowedDomains: domains.optional() }).strict(),
  ),
  /** Turns a variable holding a credential into a key (its text in each environment becomes the key's value there); its chips become the key's. */
  'security.convertVariable': call<{ key: SecretMeta; workflows: number }>()(z.object({ variableId: id, name, allowedDomains: domains.optional() }).strict()),
  /** Records, in each step where it stands, that a finding stays as plain text. */
  'security.keepPlainText': call<{ workflows: number }>()(z.object({ id: fingerprint }).strict()),

  /**
   * Runs in the environment named (else the one the workflow last ran in, else the first);
   * a protected one needs `confirm` and the right to run there.
   */
  'runs.start': call<Run>()(z.object({ workflowId: id, environmentId: environmentId.optional(), confirm: z.boolean().optional() }).strict()),
  /** The environment a workflow runs in by default on this machine; setting it remembers the builder's choice. */
  'runs.environment': call<{ environmentId: string }>()(z.object({ workflowId: id }).strict()),
  'runs.setEnvironment': call<{ environmentId: string }>()(z.object({ workflowId: id, environmentId }).strict()),
  'runs.cancel': call<{ id: string }>()(z.object({ id }).strict()),
  'runs.get': call<Run>()(z.object({ id }).strict()),
  'runs.list': call<RunSummary[]>()(z.object({ workflowId: id }).strict()),
  /** Which workflow each run belongs to, for naming runs (e.g. in Activity); runs that are gone are left out. */
  'runs.labels': call<RunLabel[]>()(z.object({ ids: z.array(id).max(500) }).strict()),

  /** Whether this vault has a recovery key, since when, and whether wrong keys make a new attempt wait. Works while the vault is closed. */
  'recovery.status': call<RecoveryStatus>()(noArgs),
  /**
   * Makes a new recovery key (replacing any earlier one, which stops working). The only
   * response that ever carries a recovery key: main holds it until `recovery.closeKit`.
   */
  'recovery.create': call<NewRecoveryKit>()(noArgs),
  /** Writes the kit of the key just made (PDF or text) into a folder; returns the file's path. */
  'recovery.saveKit': call<{ path: string }>()(z.object({ format: z.enum(KIT_FORMATS), folder: path }).strict()),
  /** The kit dialog closed: main forgets the key; `saved` records that the person kept the kit. */
  'recovery.closeKit': call<RecoveryStatus>()(z.object({ saved: z.boolean() }).strict()),
  /** Succeeds when the typed key is this vault's recovery key ('wrong_recovery_key', 'rate_limited' otherwise). */
  'recovery.check': call<RecoveryStatus>()(z.object({ key: recoveryKey }).strict()),
  /**
   * Opens the vault with its recovery key; the same master key is then kept in the keychain
   * again, or under `newPassphrase` (required for a passphrase vault).
   */
  'recovery.open': call<VaultStatus>()(z.object({ key: recoveryKey, newPassphrase: passphrase.optional() }).strict()),
  /** What starting over with a new vault would leave behind (kept in a copy). Only while the vault can't be opened. */
  'recovery.previewStartOver': call<StartOverPreview>()(noArgs),
  /** Sets the vault that can't be opened aside (a copy in the data folder) and starts a new, empty one. */
  'recovery.startOver': call<VaultStatus>()(noArgs),
};

/** Events main pushes to the renderer (Electron: webContents.send; browser host: server-sent events). */
export interface BridgeEvents {
  'run.progress': Run;
  /** A sync applied changes from the workspace file (or the active workspace changed): reload. */
  'workspace.changed': { workspaceId: string };
}
export type EventName = keyof BridgeEvents;
export type BridgeEvent = { [N in EventName]: { name: N; payload: BridgeEvents[N] } }[EventName];

export type BridgeContract = typeof bridgeContract;
export type CallName = keyof BridgeContract;
export type CallArgs<N extends CallName> = z.input<BridgeContract[N]['args']>;
export type ParsedArgs<N extends CallName> = z.output<BridgeContract[N]['args']>;
export type CallResult<N extends CallName> = BridgeContract[N]['returns'] extends Returns<infer R> ? R : never;

export const CALL_NAMES = Object.keys(bridgeContract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(bridgeContract, name);
}

/** The typed surface the renderer sees, whichever transport carries it. */
export type BridgeApi = { [N in CallName]: (args: CallArgs<N>) => Promise<CallResult<N>> };
