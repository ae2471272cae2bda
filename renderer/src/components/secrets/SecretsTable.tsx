import type { SecretMeta } from '../../../../shared/model/secret';
import { useNow } from '../../hooks/use-now';
import { DataTable } from '../common/DataTable';
import { SecretRow } from './SecretRow';
import type { OnSecretAction } from './secret-actions';

const COLUMNS = ['Name', 'Description', 'Type', 'Updated', 'Last used', 'Used by', 'Version'];

export function SecretsTable({ secrets, onAction }: { secrets: readonly SecretMeta[]; onAction: OnSecretAction }) {
  const now = useNow();
  return (
    <DataTable caption="Secret keys" columns={COLUMNS}>
      {secrets.map((secret) => (
        <SecretRow key={secret.id} secret={secret} now={now} onAction={onAction} />
      ))}
    </DataTable>
  );
}
