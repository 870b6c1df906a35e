import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The SPA: apps/console/web → dist/console, the workspace libraries it shares with the services by path.
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@cascade/contracts': `${root}libs/contracts/src/index.ts`,
      '@cascade/money': `${root}libs/money/src/index.ts`,
    },
  },
  build: {
    outDir: `${root}dist/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  logLevel: 'warn',
});
