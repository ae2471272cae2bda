/**
 * One import: the importer for its format, then the plan. The importers (and their parsers,
 * a few MB of them) are loaded on first use, so starting Keyflow or the command line costs
 * nothing for them.
 */
import type { ImportSource } from '../../../shared/model/imports';
import type { DraftImport } from './draft';
import { planImport, type ImportPlan, type ImportWorkspace } from './plan';
import { checkSource } from './source';

export async function draftOf(source: ImportSource): Promise<DraftImport> {
  checkSource(source);
  switch (source.format) {
    case 'curl':
      return (await import('./curl/curl-import')).importCurl(source);
    case 'postman':
      return (await import('./postman/postman-import')).importPostman(source);
    case 'openapi':
      return (await import('./openapi/openapi-import')).importOpenApi(source);
    case 'env':
      return (await import('./dotenv/env-import')).importEnv(source);
  }
}

export async function planOf(source: ImportSource, workspace: ImportWorkspace): Promise<ImportPlan> {
  return planImport(source.format, await draftOf(source), workspace);
}
