import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The editor is built into dist/editor and served by the runtime from the same origin, so
// nothing is ever loaded from a CDN (intranet deployments have no internet access). Monaco and
// its workers are bundled too (editor/src/code-editor), in chunks loaded on first use.
export default defineConfig(({ command, mode }) => {
  // A build is always the production React, even when started by vitest (NODE_ENV=test), which
  // otherwise bundles React's development build: several times slower, and what the e2e tests
  // and the editor benchmark would then measure.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production'
  return {
    root: 'editor',
    base: '/',
    plugins: [react()],
    build: {
      outDir: '../dist/editor',
      emptyOutDir: true,
      // Monaco's chunks are large by nature and only loaded with a code, prompt or JSON field.
      chunkSizeWarningLimit: 4000,
    },
    worker: { format: 'es' },
    server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  }
})
