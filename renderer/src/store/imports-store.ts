import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { ImportDecisions, ImportOutcome, ImportPreview, ImportSource, SecurityFinding } from '../../../shared/model/imports';
import type { SecretMeta, SecretType } from '../../../shared/model/secret';
import type { LoadState } from './secrets-store';
import { latestLoader } from './latest-load';

/**
 * Imports (preview, then commit) and the Security check (the workspace's literal
 * credentials and the variables holding one, and converting or keeping each). What they
 * create reaches the other stores through `onChanged`, which reloads workflows, keys and
 * environments.
 */
export interface ImportsState {
  findings: readonly SecurityFinding[];
  loadState: LoadState;
  loadError: string | null;

  preview(source: ImportSource): Promise<ImportPreview>;
  commit(source: ImportSource, decisions: ImportDecisions): Promise<ImportOutcome>;
  scan(): Promise<void>;
  /** Makes the finding a key: a literal's places get its chip; a variable becomes the key. */
  convert(finding: SecurityFinding, input: { name: string; type?: SecretType; allowedDomains?: string[] }): Promise<SecretMeta>;
  keepAsPlainText(id: string): Promise<void>;
  clear(): void;
}

type ImportsBridge = Pick<BridgeApi, 'imports.preview' | 'imports.commit' | 'security.scan' | 'security.convert' | 'security.convertVariable' | 'security.keepPlainText'>;

export function createImportsStore(api: ImportsBridge, options: { onChanged(): void }) {
  return create<ImportsState>()((set, get) => {
    const loads = latestLoader(set, get);
    const scan = () =>
      loads.load(
        () => api['security.scan']({}),
        (findings) => set({ findings, loadState: 'ready', loadError: null }),
      );
    return {
      findings: [],
      loadState: 'idle',
      loadError: null,
      preview: (source) => api['imports.preview']({ source }),
      async commit(source, decisions) {
        const outcome = await api['imports.commit']({ source, decisions });
        options.onChanged();
        return outcome;
      },
      scan,
      async convert(finding, { name, type, allowedDomains }) {
        const { key } =
          finding.kind === 'literal'
            ? await api['security.convert']({ id: finding.id, name, type, allowedDomains })
            : await api['security.convertVariable']({ variableId: finding.id, name, allowedDomains });
        options.onChanged();
        await scan();
        return key;
      },
      async keepAsPlainText(id) {
        await api['security.keepPlainText']({ id });
        options.onChanged();
        await scan();
      },
      clear() {
        loads.invalidate();
        set({ findings: [], loadState: 'idle', loadError: null });
      },
    };
  });
}
