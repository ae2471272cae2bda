import type { SecretMeta } from '../../../../shared/model/secret';
import { useNow } from '../../hooks/use-now';
import { SecretRow } from './SecretRow';
import type { OnSecretAction } from './secret-actions';

export function SecretsTable({ secrets, onAction }: { secrets: readonly SecretMeta[]; onAction: OnSecretAction }) {
  const now = useNow();
  return (
    <div className="table-scroll">
      <table className="secrets-table">
        <caption className="visually-hidden">Secret keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Type</th>
            <th scope="col">Updated</th>
            <th scope="col">Last used</th>
            <th scope="col">Used by</th>
            <th scope="col">Version</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {secrets.map((secret) => (
            <SecretRow key={secret.id} secret={secret} now={now} onAction={onAction} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
