#!/usr/bin/env node
// The `motcua` command. Sources are TypeScript run through tsx, so a checkout works right after `npm install`.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
