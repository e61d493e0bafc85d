import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The editor is built into dist/editor and served by the runtime from the same origin, so
// nothing is ever loaded from a CDN (intranet deployments have no internet access).
export default defineConfig({
  root: 'editor',
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist/editor', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
})
