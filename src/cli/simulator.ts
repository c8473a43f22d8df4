// `motcua simulator <name|all> [--port N] [--journal-dir DIR]`: runs local simulators of the national systems in
// their own process (for trying MotCua against them, and for tests that kill and restart a receiver), printing
// the MOTCUA_*_URL settings that point MotCua at them. Runs until SIGINT/SIGTERM.
import { SIMULATOR_NAMES, startSimulator, type SimulatorName, type StartedSimulator } from '../simulators/demo.js';
import { parseCommand } from './args.js';
import { EXIT, UsageError, bi, type Io } from './io.js';

export async function simulatorCommand(args: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommand('simulator', args, { port: { type: 'string' }, 'smtp-port': { type: 'string' }, 'journal-dir': { type: 'string' }, demo: { type: 'boolean' } }, ['name']);
  const name = positionals[0]!;
  const names: SimulatorName[] = name === 'all' ? [...SIMULATOR_NAMES] : (SIMULATOR_NAMES as readonly string[]).includes(name) ? [name as SimulatorName] : [];
  if (names.length === 0) {
    throw new UsageError({
      vi: `Không có trình mô phỏng "${name}". Chọn một trong: ${SIMULATOR_NAMES.join(', ')}, all.`,
      en: `No simulator "${name}". Choose one of: ${SIMULATOR_NAMES.join(', ')}, all.`,
    });
  }
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (names.length > 1 && port !== 0)) {
    throw new UsageError({ vi: '--port là số cổng (chỉ dùng với một trình mô phỏng).', en: '--port is a port number (only with one simulator).' });
  }
  const journalDir = typeof flags['journal-dir'] === 'string' ? flags['journal-dir'] : undefined;
  const started: StartedSimulator[] = [];
  for (const n of names) {
    started.push(await startSimulator(n, { port, smtpPort: Number(flags['smtp-port'] ?? 0), ...(journalDir ? { journalDir } : {}), demo: !!flags.demo }));
  }
  for (const s of started) {
    io.out(`${s.name}: ${s.url}`);
    for (const [k, v] of Object.entries(s.env)) io.out(`  ${k}=${v}`);
  }
  io.out(bi('Nhấn Ctrl+C để dừng.', 'Press Ctrl+C to stop.'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await Promise.all(started.map((s) => s.close()));
  return EXIT.ok;
}
