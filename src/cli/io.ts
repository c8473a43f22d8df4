// What the `motcua` command prints: bilingual lines (Vietnamese first), aligned tables, and the errors that
// end a command with a given exit code.
import type { Msg } from '../errors.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Exit codes, also listed in `motcua help` and the README. */
export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

export const bi = (vi: string, en: string): string => (vi === en ? vi : `${vi} / ${en}`);
export const biMsg = (m: Msg): string => bi(m.vi, m.en);

/** Ends a command: the message goes to stderr and the process exits with `code`. */
export class CliError extends Error {
  constructor(
    readonly msg: Msg,
    readonly code: number = EXIT.failure,
    /** Untranslated detail from a library or the database, printed under the message. */
    readonly detail?: string,
  ) {
    super(msg.en);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(msg: Msg, detail?: string) {
    super(msg, EXIT.usage, detail);
    this.name = 'UsageError';
  }
}

/** Width as a terminal shows it: Vietnamese letters are one column once composed (NFC). */
function width(s: string): number {
  return [...s.normalize('NFC')].length;
}

/** Left-aligned columns; a column whose cells are all numbers is right-aligned. */
export function table(header: string[], rows: Array<Array<string | number>>, indent = '  '): string[] {
  const cells = rows.map((r) => r.map(String));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    indent +
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - width(c));
        return numeric[i] ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join('   ');
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('   '), ...cells.map(line)];
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
