/** One import: the importer for its format, then the plan. */
import type { ImportSource } from '../../../shared/model/imports';
import type { DraftImport } from './draft';
import { planImport, type ImportPlan } from './plan';
import { checkSource } from './source';
import { importCurl } from './curl/curl-import';
import { importPostman } from './postman/postman-import';
import { importOpenApi } from './openapi/openapi-import';
import { importEnv } from './dotenv/env-import';

export async function draftOf(source: ImportSource): Promise<DraftImport> {
  checkSource(source);
  switch (source.format) {
    case 'curl':
      return importCurl(source);
    case 'postman':
      return importPostman(source);
    case 'openapi':
      return importOpenApi(source);
    case 'env':
      return importEnv(source);
  }
}

export async function planOf(source: ImportSource, existingKeyNames: readonly string[]): Promise<ImportPlan> {
  return planImport(source.format, await draftOf(source), existingKeyNames);
}
