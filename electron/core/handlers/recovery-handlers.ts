import type { DomainHandlers, HandlerContext } from './context';

export function recoveryHandlers({ recovery }: HandlerContext): DomainHandlers<'recovery'> {
  return {
    'recovery.status': () => recovery.status(),
    'recovery.create': () => recovery.create(),
    'recovery.saveKit': ({ format, folder }) => recovery.saveKit(format, folder),
    'recovery.closeKit': ({ saved }) => recovery.closeKit(saved),
    'recovery.check': async ({ key }) => {
      await recovery.check(key);
      return recovery.status();
    },
    'recovery.open': ({ key, newPassphrase }) => recovery.open(key, newPassphrase),
    'recovery.previewStartOver': () => recovery.previewStartOver(),
    'recovery.startOver': () => recovery.startOver(),
  };
}
