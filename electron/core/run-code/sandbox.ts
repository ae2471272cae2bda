export { createCodeSandbox } from './code-sandbox';
export { measureColdStart, type ColdStartFigures } from './cold-start';
export { MAX_MEMORY_LIMIT_BYTES, MIN_MEMORY_LIMIT_BYTES } from './run-request';
export * from './types';
