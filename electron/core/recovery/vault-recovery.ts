/**
 * The recovery kit and the ways back into a vault that can't be opened: making a kit and
 * saving it, checking a typed key, opening the vault with it, or starting over.
 *
 * A new key is returned to the renderer once, for display, and held here (main-process
 * memory) only while its kit dialog is open, so the PDF and the text file are written by
 * main without the key travelling back; closing the dialog forgets it for good.
 */
import type { NewRecoveryKit, KitFormat, RecoveryStatus, StartOverPreview } from '../../../shared/model/recovery';
import type { VaultStatus } from '../../../shared/model/vault';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { MetaTable } from '../db/meta';
import type { Logger } from '../logger';
import type { Vault } from '../vault/vault';
import { kitFileName, kitPdf, kitText } from './kit-document';
import { writeKitFile } from './kit-file';
import { setAsideAndEmpty, startOverPreview } from './start-over';

export interface VaultRecoveryDeps {
  db: Db;
  vault: Vault;
  userDataDir: string;
  logger: Logger;
  /** The identity loads (or is created) once the vault is open. */
  onUnlocked(): Promise<void>;
}

export class VaultRecovery {
  private shownKit: NewRecoveryKit | null = null;
  private readonly meta: MetaTable;

  constructor(private readonly deps: VaultRecoveryDeps) {
    this.meta = new MetaTable(deps.db);
  }

  status(): RecoveryStatus {
    return this.deps.vault.recovery.status();
  }

  async create(): Promise<NewRecoveryKit> {
    this.shownKit = null;
    const kit = await this.deps.vault.createRecoveryKey();
    this.deps.logger.info('recovery: a new recovery key was made (any earlier one no longer works)');
    this.shownKit = kit;
    return kit;
  }

  async saveKit(format: KitFormat, folder: string): Promise<{ path: string }> {
    const kit = this.shownKit;
    if (!kit) {
      throw new BridgeError('conflict', 'Keyflow no longer holds this recovery key: it forgets the key when its kit is closed. Replace the recovery key to save a new kit.');
    }
    const details = { ...kit, dataFolder: this.deps.userDataDir };
    const content = format === 'pdf' ? kitPdf(details) : Buffer.from(kitText(details), 'utf8');
    return { path: await writeKitFile(folder, kitFileName(kit.vaultId, format), content) };
  }

  /** The kit dialog closed: the key is forgotten; `saved` records that the person kept it. */
  closeKit(saved: boolean): RecoveryStatus {
    if (saved && this.shownKit) this.deps.vault.recovery.markSaved();
    this.shownKit = null;
    return this.status();
  }

  check(key: string): Promise<void> {
    return this.deps.vault.checkRecoveryKey(key);
  }

  async open(key: string, newPassphrase?: string): Promise<VaultStatus> {
    const status = await this.deps.vault.recover(key, newPassphrase);
    this.deps.logger.info(`recovery: the vault was opened with its recovery key (now kept by ${status.state === 'unlocked' ? status.keySource : 'nothing'})`);
    await this.deps.onUnlocked();
    return status;
  }

  previewStartOver(): StartOverPreview {
    this.requireClosed();
    return startOverPreview(this.deps.db, this.meta);
  }

  async startOver(): Promise<VaultStatus> {
    this.requireClosed();
    const copy = setAsideAndEmpty(this.deps.db, this.meta, this.deps.userDataDir);
    this.deps.logger.info(`recovery: started over with a new vault; the old one is kept in ${copy}`);
    const status = await this.deps.vault.reopen();
    if (this.deps.vault.isUnlocked) await this.deps.onUnlocked();
    return status;
  }

  private requireClosed(): void {
    if (this.deps.vault.isUnlocked) throw new BridgeError('conflict', 'The vault is open: there is nothing to start over from.');
  }
}
