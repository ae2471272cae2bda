import { commitImport } from '../imports/commit';
import { planOf } from '../imports/import-source';
import { IMPORT_FORMAT_LABELS } from '../../../shared/model/imports';
import type { DomainHandlers, HandlerContext } from './context';

export function importHandlers({ session }: HandlerContext): DomainHandlers<'imports'> {
  const keyNames = () => session().secrets.accessOfAll().map((secret) => secret.name);
  return {
    'imports.preview': async ({ source }) => (await planOf(source, keyNames())).preview,
    'imports.commit': async ({ source, decisions }) => {
      const plan = await planOf(source, keyNames());
      const from = source.fileName ? `“${source.fileName}”` : `a ${IMPORT_FORMAT_LABELS[source.format]}`;
      return commitImport(plan, decisions, session(), `Imported from ${from}.`);
    },
  };
}
