import type { Plugin } from 'esbuild';

export declare const EXTERNAL: string[];
export declare const bashParserPlugin: Plugin;
