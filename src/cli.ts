// The `motcua` command (bin/motcua.js runs `main` through tsx): serve, migrate, seed, import, audit verify,
// backup and restore. Each command lives in src/cli/<name>.ts; this file only dispatches and reports errors.
import { ZodError } from 'zod';
import { BackupError } from './modules/backup/format.js';
import { CliError, EXIT, bi, biMsg, processIo, type Io } from './cli/io.js';
import { USAGE } from './cli/usage.js';

type Command = (args: string[], io: Io, env: NodeJS.ProcessEnv) => Promise<number>;

// Loaded on demand: `help` or `audit verify` should not pay for loading the web server.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./cli/serve.js')).serveCommand,
  migrate: async () => (await import('./cli/migrate.js')).migrateCommand,
  seed: async () => (await import('./cli/seed.js')).seedCommand,
  import: async () => (await import('./cli/import.js')).importCommand,
  audit: async () => (await import('./cli/audit.js')).auditCommand,
  backup: async () => (await import('./cli/backup.js')).backupCommand,
  restore: async () => (await import('./cli/backup.js')).restoreCommand,
  outbox: async () => (await import('./cli/outbox.js')).outboxCommand,
  reports: async () => (await import('./cli/reports.js')).reportsCommand,
  simulator: async () => (await import('./cli/simulator.js')).simulatorCommand,
  federation: async () => (await import('./cli/federation.js')).federationCommand,
  'national-portal': async () => (await import('./cli/national-portal.js')).nationalPortalCommand,
};

export async function main(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  const load = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
  if (!load) {
    if (name !== undefined) io.err(bi(`Không có lệnh "${name}".`, `Unknown command "${name}".`));
    else io.err(bi('Thiếu tên lệnh.', 'No command given.'));
    io.err('');
    io.err(USAGE);
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(args, io, env);
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof CliError) {
    io.err(`${e.code === EXIT.usage ? '' : 'Lỗi / Error: '}${biMsg(e.msg)}`);
    if (e.detail) io.err(`  ${e.detail}`);
    return e.code;
  }
  if (e instanceof BackupError) {
    io.err(`Lỗi / Error: ${biMsg(e.msg)}`);
    return EXIT.failure;
  }
  if (e instanceof ZodError) {
    const issues = e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    io.err(`Lỗi / Error: ${bi('Cấu hình trong biến môi trường không hợp lệ', 'Invalid settings in the environment')} — ${issues}`);
    return EXIT.failure;
  }
  const err = e as Error;
  io.err(`Lỗi / Error: ${err?.message ?? String(e)}`);
  if (process.env.MOTCUA_DEBUG) io.err(err?.stack ?? '');
  return EXIT.failure;
}
