import { useEffect, useState, type FormEvent } from 'react';
import type { SourcesStatus } from '../../../../shared/model/source';
import { bridge } from '../../bridge/instance';
import { asBridgeError } from '../../bridge/failure';
import { useAnnouncer } from '../../store/announcer-store';
import { FormError } from '../common/FormError';

/**
 * KeePass databases unlocked for this launch (the password and key file stay in main's
 * memory, forgotten on Lock or quit), and HashiCorp Vault tokens kept in the OS keychain.
 */
export function ExternalSources() {
  const announce = useAnnouncer((state) => state.announce);
  const [status, setStatus] = useState<SourcesStatus | null>(null);
  const [database, setDatabase] = useState('');
  const [password, setPassword] = useState('');
  const [keyFile, setKeyFile] = useState('');
  const [address, setAddress] = useState('');
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void bridge['sources.status']({}).then(setStatus, () => undefined);
  }, []);

  async function attempt(run: () => Promise<SourcesStatus>, done: string) {
    setBusy(true);
    setProblem(null);
    try {
      setStatus(await run());
      announce(done);
      return true;
    } catch (error) {
      setProblem(asBridgeError(error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function unlock(event: FormEvent) {
    event.preventDefault();
    const ok = await attempt(() => bridge['sources.unlockKeePass']({ database, password: password || undefined, keyFile: keyFile || undefined }), `Unlocked ${database}`);
    setPassword('');
    if (ok) setDatabase('');
  }

  async function saveToken(event: FormEvent) {
    event.preventDefault();
    const ok = await attempt(() => bridge['sources.setVaultToken']({ address, token }), `Vault token saved in the keychain for ${address}`);
    setToken('');
    if (ok) setAddress('');
  }

  return (
    <section className="team-section" aria-labelledby="sources-heading">
      <h2 id="sources-heading" className="section-title">
        External sources
      </h2>
      <p className="note">
        A key can read its value from KeePassXC, pass, an environment variable or .env file, 1Password or HashiCorp Vault (Secret Keys ▸ Edit value ▸ Linked). Keyflow keeps only
        where to find it, and reads it when a run needs it.
      </p>
      <h3 className="field-label">KeePassXC / KeePass databases</h3>
      {status && (
        <p className="note" role="status">
          {status.unlockedDatabases.length === 0 ? 'No database is unlocked.' : `Unlocked until you lock them or quit: ${status.unlockedDatabases.join(', ')}`}
        </p>
      )}
      <form className="inline-form" onSubmit={(event) => void unlock(event)} aria-label="Unlock a KeePass database">
        <label className="field-label" htmlFor="kdbx-path">
          Database file
        </label>
        <input
          id="kdbx-path"
          className="input input-mono"
          value={database}
          placeholder="~/Passwords.kdbx"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setDatabase(event.target.value)}
        />
        <label className="field-label" htmlFor="kdbx-password">
          Password
        </label>
        <input id="kdbx-password" className="input" type="password" value={password} autoComplete="off" onChange={(event) => setPassword(event.target.value)} />
        <label className="field-label" htmlFor="kdbx-key-file">
          Key file (optional)
        </label>
        <input id="kdbx-key-file" className="input input-mono" value={keyFile} spellCheck={false} autoComplete="off" onChange={(event) => setKeyFile(event.target.value)} />
        <button type="submit" className="button button-secondary" disabled={busy || !database}>
          Unlock
        </button>
        {status && status.unlockedDatabases.length > 0 && (
          <button type="button" className="button button-ghost" onClick={() => void attempt(() => bridge['sources.lock']({}), 'Databases locked')}>
            Lock all
          </button>
        )}
      </form>
      <h3 className="field-label">HashiCorp Vault token</h3>
      <form className="inline-form" onSubmit={(event) => void saveToken(event)} aria-label="Save a Vault token">
        <label className="field-label" htmlFor="vault-address">
          Server
        </label>
        <input
          id="vault-address"
          className="input input-mono"
          value={address}
          placeholder="https://vault.example.com:8200"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setAddress(event.target.value)}
        />
        <label className="field-label" htmlFor="vault-token">
          Token
        </label>
        <input id="vault-token" className="input" type="password" value={token} autoComplete="off" onChange={(event) => setToken(event.target.value)} />
        <button type="submit" className="button button-secondary" disabled={busy || !address || !token}>
          Save in keychain
        </button>
      </form>
      <FormError message={problem} />
    </section>
  );
}
