import { BridgeError } from '../../../shared/bridge/errors';
import { newPassphraseProblem } from '../../../shared/model/vault';
import { personalBackupSource, teamBackupSource } from '../backup/backup-sources';
import type { DomainHandlers, HandlerContext } from './context';

export function backupHandlers(ctx: HandlerContext): DomainHandlers<'backups'> {
  return {
    'backups.status': () => ctx.backupSchedule.status(),
    'backups.create': async ({ path, passphrase, includeRuns }) => {
      const problem = newPassphraseProblem(passphrase);
      if (problem) throw new BridgeError('invalid_request', problem, 'passphrase');
      const session = ctx.session();
      const { name } = ctx.workspaces.summary(session);
      const source = session.kind === 'personal' ? personalBackupSource(ctx.vault, { id: session.id, name }) : teamBackupSource(session.secrets, { id: session.id, name });
      return ctx.backups.backUp(path, passphrase, source, includeRuns ?? false);
    },
    'backups.preview': ({ path, passphrase }) => ctx.backups.preview(path, passphrase),
    'backups.restore': ({ previewId }) => ctx.backups.restore(previewId),
    'backups.setSchedule': (change) => ctx.backupSchedule.configure(change),
  };
}
