// `motcua federation key | peers | add-peer` in-process through the command's entry point, on embedded
// databases in temporary folders: one instance's printed key registers it as a peer of the other.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli.js';
import type { Io } from '../../../cli/io.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-fed-'));
const envA = { MOTCUA_DATA_DIR: path.join(tmp, 'a') };
const envB = { MOTCUA_DATA_DIR: path.join(tmp, 'b') };
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => void out.push(l), err: (l) => void err.push(l) };
  const code = await main(args, io, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const field = (text: string, label: string) => new RegExp(`${label}: (\\S+)`).exec(text)?.[1];

describe('motcua federation', () => {
  let keyOfB = '';
  let keyIdOfB = '';

  it('prints the instance id and public key, the same each time', async () => {
    const first = await run(['federation', 'key'], envB);
    expect(first.code, first.err).toBe(0);
    keyOfB = field(first.out, 'Khoá công khai / Public key')!;
    keyIdOfB = field(first.out, 'Mã khoá / Key id')!;
    expect(field(first.out, 'Mã hệ thống / Instance id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(keyOfB, 'base64')).toHaveLength(44);
    const again = await run(['federation', 'key'], envB);
    expect(field(again.out, 'Khoá công khai / Public key')).toBe(keyOfB);
  }, 60_000);

  it('registers the other instance as a peer with its key and units, and lists it', async () => {
    const add = await run(['federation', 'add-peer', '--name', 'MotCua Phú Vang', '--url', 'http://10.0.0.2:3000/', '--key', keyOfB, '--units', '19942, 19885'], envA);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain(`Registered "MotCua Phú Vang"`);
    expect(add.out).toContain(keyIdOfB);
    const list = await run(['federation', 'peers'], envA);
    expect(list.code).toBe(0);
    expect(list.out).toContain('http://10.0.0.2:3000');
    expect(list.out).toContain('19885,19942');
  }, 60_000);

  it('refuses the same key twice (exit 1), and a bad unit code or a missing option (exit 2)', async () => {
    const twice = await run(['federation', 'add-peer', '--name', 'Lặp', '--url', 'http://10.0.0.3', '--key', keyOfB, '--units', '01'], envA);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('already registered');
    const badUnit = await run(['federation', 'add-peer', '--name', 'Sai mã', '--url', 'http://10.0.0.3', '--key', keyOfB, '--units', '1234'], envA);
    expect(badUnit.code).toBe(2);
    expect(badUnit.err).toContain('unitCodes.0');
    const missing = await run(['federation', 'add-peer', '--name', 'Thiếu'], envA);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--url');
    expect((await run(['federation', 'nothing'], envA)).code).toBe(2);
  }, 60_000);
});
