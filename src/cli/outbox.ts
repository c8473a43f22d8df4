// `motcua outbox status | failures | resend <id> | resend --failed | run`: the backlog and failures of the
// deliveries to connected systems, re-sending, and one full dispatch pass (e.g. from cron when the server's
// own dispatcher is turned off). With the embedded database, stop the server first (it holds the database);
// the web app's admin page shows the same while it runs.
import { configFromEnv } from '../config.js';
import { contextFor } from '../context-factory.js';
import { drainOutbox } from '../modules/outbox/dispatcher.js';
import { subscribersFor } from '../modules/outbox/registry.js';
import { listDeliveries, outboxSummary, resendDelivery, resendFailed, unroutedCount } from '../modules/outbox/store.js';
import { toVietnamIso } from '../http/time.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { EXIT, UsageError, bi, type Io } from './io.js';

const USAGE = {
  vi: 'Cách dùng: motcua outbox status | failures [--subscriber TÊN] | resend <mã lần gửi> | resend --failed [--subscriber TÊN] | run',
  en: 'Usage: motcua outbox status | failures [--subscriber NAME] | resend <delivery id> | resend --failed [--subscriber NAME] | run',
};

export async function outboxCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'status') {
    parseCommand('outbox status', rest, {}, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const rows = await outboxSummary(d.db, new Date());
      io.out(bi('Sự kiện chưa phân phối', 'Events not routed yet') + `: ${await unroutedCount(d.db)}`);
      if (rows.length === 0) io.out(bi('Chưa có lần gửi nào.', 'No deliveries yet.'));
      for (const r of rows) {
        io.out(
          `${r.subscriber.padEnd(18)} ${bi('chờ', 'pending')} ${r.pending} (${bi('đang lỗi', 'failing')} ${r.failing})  ` +
            `${bi('bị từ chối', 'failed')} ${r.failed}  ${bi('đã gửi 24 giờ', 'delivered 24h')} ${r.deliveredLastDay}` +
            (r.oldestPendingAt ? `  ${bi('cũ nhất', 'oldest')} ${toVietnamIso(r.oldestPendingAt)}` : ''),
        );
      }
      return EXIT.ok;
    });
  }
  if (sub === 'failures') {
    const { flags } = parseCommand('outbox failures', rest, { subscriber: { type: 'string' } }, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const subscriber = typeof flags.subscriber === 'string' ? { subscriber: flags.subscriber } : {};
      const rows = [...(await listDeliveries(d.db, { state: 'failed', ...subscriber, limit: 200 })), ...(await listDeliveries(d.db, { state: 'failing', ...subscriber, limit: 200 }))];
      if (rows.length === 0) io.out(bi('Không có lần gửi nào bị lỗi.', 'No failing or failed deliveries.'));
      for (const r of rows) {
        io.out(`#${r.id} ${r.subscriber} ${r.state === 'failed' ? bi('BỊ TỪ CHỐI', 'FAILED') : bi('đang thử lại', 'retrying')} ${r.dossierCode ?? '-'} ${r.action ?? r.topic} ×${r.attempts}: ${r.lastError ?? ''}`);
      }
      return EXIT.ok;
    });
  }
  if (sub === 'resend') {
    const { flags, positionals } = parseCommand('outbox resend', rest, { failed: { type: 'boolean' }, subscriber: { type: 'string' } }, flagsOnly(rest) ? [] : ['id']);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      if (flags.failed) {
        const n = await resendFailed(d.db, typeof flags.subscriber === 'string' ? { subscriber: flags.subscriber } : {}, new Date());
        io.out(bi(`Đã đặt gửi lại ${n} lần gửi.`, `${n} deliveries queued to be sent again.`));
        return EXIT.ok;
      }
      const id = Number(positionals[0]);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError(USAGE);
      const ok = await resendDelivery(d.db, id, new Date());
      io.out(ok ? bi(`Lần gửi #${id} sẽ được gửi lại ngay.`, `Delivery #${id} will be sent again now.`) : bi(`Không có lần gửi #${id} chưa thành công.`, `No undelivered delivery #${id}.`));
      return ok ? EXIT.ok : EXIT.failure;
    });
  }
  if (sub === 'run') {
    parseCommand('outbox run', rest, {}, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const ctx = contextFor(d, configFromEnv(env));
      const subscribers = subscribersFor(ctx);
      if (subscribers.length === 0) {
        io.out(bi('Chưa cấu hình kết nối nào (xem README: MOTCUA_*_URL).', 'No connection is configured (see the README: MOTCUA_*_URL).'));
        return EXIT.ok;
      }
      const r = await drainOutbox(ctx, subscribers);
      io.out(bi(`Đã phân phối ${r.routed} sự kiện; gửi được ${r.delivered}, chờ thử lại ${r.retrying}, bị từ chối ${r.failed}.`, `Routed ${r.routed} events; delivered ${r.delivered}, retrying ${r.retrying}, failed ${r.failed}.`));
      return r.failed > 0 ? EXIT.failure : EXIT.ok;
    });
  }
  throw new UsageError(USAGE);
}

function flagsOnly(args: string[]): boolean {
  return args.every((a) => a.startsWith('--') || args[args.indexOf(a) - 1] === '--subscriber');
}
