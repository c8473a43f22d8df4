// Reads a command's options and positional arguments; anything unexpected is a usage error (exit 2).
import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

type Options = Record<string, { type: 'boolean' | 'string'; short?: string }>;

export interface Parsed {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommand(command: string, args: string[], options: Options, positionals: string[]): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(
      { vi: `Tham số không hợp lệ cho "motcua ${command}" (xem "motcua help")`, en: `Invalid arguments for "motcua ${command}" (see "motcua help")` },
      (e as Error).message,
    );
  }
  if (parsed.positionals.length !== positionals.length) {
    const expected = positionals.map((p) => `<${p}>`).join(' ');
    throw new UsageError({
      vi: `Cách dùng: motcua ${command} ${expected}`.trimEnd() + ` (xem "motcua help")`,
      en: `Usage: motcua ${command} ${expected}`.trimEnd() + ` (see "motcua help")`,
    });
  }
  return { flags: parsed.values as Parsed['flags'], positionals: parsed.positionals };
}
