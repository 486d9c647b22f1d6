import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' so the built site works from any sub-path or a plain file server (course pages embed it).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', sourcemap: false },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
