import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The SPA: apps/console/web → dist/console, the workspace libraries it shares with the services by path.
const config = {
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
} satisfies UserConfig;

// A build is always React's production build. Vite takes NODE_ENV from its environment, and
// one run under jest (NODE_ENV=test) shipped React's development build (every effect run
// twice, the JSX checked as it renders) to dist/console, which `npm start` then served.
export default defineConfig(({ command }) => {
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
