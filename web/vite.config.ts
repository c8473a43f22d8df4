// Builds the web app into web/dist, served by the API process (src/http/web.ts). Each text asset also gets
// .br and .gz siblings so the server sends them precompressed: the app must open fast on a slow link.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

function precompress(): Plugin {
  return {
    name: 'motcua-precompress',
    apply: 'build',
    // After writing: the files on disk are final (Vite rewrites chunks until the very end of generateBundle).
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const file = path.join(options.dir!, name);
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

const config: UserConfig = {
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
};

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a test runner that set NODE_ENV=test:
  // otherwise React and the JSX transform ship their development code (three times the weight).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
