#!/usr/bin/env node
// `npm start` builds the web app only when web/dist is missing (npm install normally built it already).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
if (!existsSync(`${root}dist/index.html`)) {
  console.log('Đang dựng giao diện web (web/dist)… / Building the web app (web/dist)…');
  const { build } = await import('vite');
  await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
}
