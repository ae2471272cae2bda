import { PROVIDER_LABELS, type SourceProvider } from '../../../shared/model/source';

/** Why a value couldn't be read from an external source: names the provider and the reason, never quotes a value. */
export class SourceError extends Error {
  constructor(
    readonly provider: SourceProvider,
    readonly reason: string,
  ) {
    super(`${PROVIDER_LABELS[provider]}: ${reason}`);
    this.name = 'SourceError';
  }
}
