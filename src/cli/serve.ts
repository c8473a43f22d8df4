// `motcua serve`: opens and migrates the database, seeds the demo if asked and empty, serves the API, and
// on SIGINT/SIGTERM closes the server and then the database (PGlite must shut down to keep its files sound).
import { configFromEnv } from '../config.js';
import { databaseOptionsFromEnv } from '../db/connection.js';
import { contextFor } from '../context-factory.js';
import { buildApp } from '../server.js';
import { startBackground, type Background } from '../modules/outbox/background.js';
import { prepareDemoConnections, startDemoSimulators } from '../simulators/demo.js';
import { isSeeded, seedDemo } from '../seed.js';
import { seedHistory } from '../modules/demo/history.js';
import { seedCapacityDemo } from '../modules/capacity/demo/seed.js';
import { parseCommand } from './args.js';
import { describe, openLocked, reportMigrations } from './database.js';
import { demoLoginLines } from './demo.js';
import { CliError, EXIT, bi, type Io } from './io.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function serveCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { flags } = parseCommand('serve', args, { 'seed-if-empty': { type: 'boolean' }, simulators: { type: 'boolean' } }, []);
  const baseConfig = configFromEnv(env);
  // The demo's national systems, unless the environment points at real ones (the environment wins).
  const simulators = flags.simulators ? await startDemoSimulators(baseConfig.port, baseConfig.dataDir) : null;
  const config = simulators ? configFromEnv({ ...simulators.env, ...env }) : baseConfig;
  // Listening from the start: a Ctrl+C during migration or seeding still ends with a clean close.
  const stopped = untilSignal();
  const { database, lock } = await openLocked(databaseOptionsFromEnv(env));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let background: Background | undefined;
  try {
    io.out(bi('Cơ sở dữ liệu', 'Database') + `: ${describe(database)}`);
    await reportMigrations(database, io);
    if (flags['seed-if-empty'] && !(await isSeeded(database.db))) {
      io.out(bi('Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu (vài giây)…', 'Empty database: loading the demo data (a few seconds)…'));
      const r = await seedDemo(database.db, config);
      io.out(bi(`Đã nạp ${r.units} đơn vị, ${r.accounts.length} tài khoản, ${r.catalogue?.created ?? 0} thủ tục`, `Loaded ${r.units} units, ${r.accounts.length} accounts, ${r.catalogue?.created ?? 0} procedures`));
      const h = await seedHistory(database.db, { now: new Date() });
      io.out(bi(`Đã nạp lịch sử ${h.dossiers} hồ sơ, ${h.feedback} phản ánh, kiến nghị (${h.from} – ${h.to}, ${h.seconds} giây)`, `Loaded a history of ${h.dossiers} dossiers and ${h.feedback} feedback items (${h.from} – ${h.to}, ${h.seconds} s)`));
      const k = await seedCapacityDemo(database.db, { now: new Date() });
      io.out(bi(`Đã nạp dữ liệu năng lực: ${k.positions} vị trí việc làm, ${k.classes} lớp bồi dưỡng, ${k.certificates} chứng chỉ`, `Loaded the capacity demo: ${k.positions} job positions, ${k.classes} training classes, ${k.certificates} certificates`));
    }
    if (simulators) await prepareDemoConnections(database.db);
    const ctx = contextFor(database, config);
    app = await buildApp(ctx, { logger: true });
    await app.listen({ port: config.port, host: config.host }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') throw e;
      throw new CliError({ vi: `Cổng ${config.port} đang được dùng; hãy đặt PORT khác.`, en: `Port ${config.port} is already in use; set another PORT.` });
    });
    background = startBackground(ctx, app.log);
  } catch (e) {
    await background?.stop();
    await app?.close();
    await simulators?.close();
    await database.close();
    lock?.release();
    throw e;
  }

  const base = config.publicBaseUrl;
  io.out('');
  io.out(`MotCua ${bi('đang chạy tại', 'is running at')} ${base}`);
  io.out(`${bi('Tài liệu API', 'API docs')}: ${base}/api/docs   (OpenAPI: ${base}/api/openapi.json)`);
  io.out(`${bi('Dữ liệu', 'Data')}: ${describe(database)}`);
  const i = config.integrations;
  const connected = [
    i.nationalPortal && bi('Cổng DVCQG', 'national portal'),
    i.population && bi('CSDL dân cư', 'population database'),
    i.payment && bi('thanh toán', 'payment'),
    i.smtp && 'email',
    i.sms && 'SMS',
    i.signing && bi('ký số từ xa', 'remote signing'),
  ].filter(Boolean);
  io.out(`${bi('Kết nối', 'Connections')}: ${connected.length ? connected.join(', ') : bi('chưa cấu hình (xem README)', 'none configured (see the README)')}`);
  if (simulators) {
    io.out(bi('Trình mô phỏng các hệ thống quốc gia (chỉ để thử)', "Simulators of the national systems (demo only)") + ':');
    for (const sim of simulators.started) io.out(`  ${sim.name.padEnd(16)} ${sim.url}`);
  }
  for (const line of await demoLoginLines(database.db)) io.out(line);
  io.out(bi('Nhấn Ctrl+C để dừng.', 'Press Ctrl+C to stop.'));

  const signal = await stopped;
  io.out(bi(`Đã nhận ${signal}: đang dừng máy chủ và đóng cơ sở dữ liệu…`, `Got ${signal}: stopping the server and closing the database…`));
  await background?.stop();
  await app.close();
  await simulators?.close();
  await database.close();
  lock?.release();
  io.out(bi('Đã dừng.', 'Stopped.'));
  return EXIT.ok;
}

function untilSignal(): Promise<string> {
  return new Promise<string>((resolve) => {
    const onSignal = (s: string) => {
      for (const x of SIGNALS) process.off(x, onSignal);
      // A second signal while closing means "now": skip the clean shutdown.
      for (const x of SIGNALS) process.once(x, () => process.exit(130));
      resolve(s);
    };
    for (const s of SIGNALS) process.on(s, onSignal);
  });
}
