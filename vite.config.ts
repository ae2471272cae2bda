import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: React, built to static files that Electron's custom protocol and the
// browser host both serve under the same CSP (no inline scripts, so no dev-only eval).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    modulePreload: { polyfill: false },
  },
});
