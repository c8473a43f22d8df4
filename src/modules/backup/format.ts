// The backup file: gzip'd JSON lines. Line 1 is the header; then, per table, a {table, columns} line followed
// by one JSON array per row (values in the columns' order); the last line {end, rows} proves the file is whole.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Msg } from '../../errors.js';

export const BACKUP_FORMAT = 'motcua-backup';
export const BACKUP_VERSION = 1;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  migrations: z.array(z.string()),
  database: z.enum(['pglite', 'postgres']),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const TableLine = z.object({ table: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
export type TableLine = z.infer<typeof TableLine>;

export const EndLine = z.object({ end: z.literal(true), rows: z.record(z.string(), z.number().int().nonnegative()) });
export type EndLine = z.infer<typeof EndLine>;

/** A refusal or a damaged file: the message is what the person running the command reads. */
export class BackupError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
    this.name = 'BackupError';
  }
}

/** Writes lines through gzip with back-pressure, so a large `files` table never sits in memory whole. */
export class LineWriter {
  readonly #gzip = zlib.createGzip({ level: 6 });
  readonly #done: Promise<void>;

  constructor(path: string) {
    this.#done = pipeline(this.#gzip, fs.createWriteStream(path, { flags: 'wx' }));
    this.#done.catch(() => undefined); // reported by close()
  }

  async write(line: string): Promise<void> {
    if (!this.#gzip.write(`${line}\n`)) await Promise.race([once(this.#gzip, 'drain'), this.#done]);
  }

  async close(): Promise<void> {
    this.#gzip.end();
    await this.#done;
  }

  destroy(): void {
    this.#gzip.destroy();
  }
}

/** Reads a backup's lines; a file that is not gzip or is cut short fails with a BackupError. */
export async function* readLines(path: string): AsyncGenerator<string> {
  let input: fs.ReadStream;
  try {
    input = fs.createReadStream(path);
    await once(input, 'open');
  } catch (e) {
    throw new BackupError({ vi: `Không đọc được tệp ${path}: ${(e as Error).message}`, en: `Cannot read ${path}: ${(e as Error).message}` });
  }
  const gunzip = zlib.createGunzip();
  input.pipe(gunzip);
  input.on('error', (e) => gunzip.destroy(e));
  const lines = readline.createInterface({ input: gunzip, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield line;
  } catch (e) {
    throw new BackupError({
      vi: `Tệp ${path} không phải bản sao lưu gzip hợp lệ hoặc bị hỏng (${(e as Error).message}).`,
      en: `${path} is not a valid gzip backup or is damaged (${(e as Error).message}).`,
    });
  } finally {
    lines.close();
    input.destroy();
  }
}

export function parseHeader(line: string | undefined, path: string): BackupHeader {
  const parsed = BackupHeader.safeParse(tryJson(line));
  if (!parsed.success) {
    throw new BackupError({
      vi: `Tệp ${path} không phải bản sao lưu MotCua (định dạng ${BACKUP_FORMAT} phiên bản ${BACKUP_VERSION}).`,
      en: `${path} is not a MotCua backup (format ${BACKUP_FORMAT} version ${BACKUP_VERSION}).`,
    });
  }
  return parsed.data;
}

export function tryJson(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
