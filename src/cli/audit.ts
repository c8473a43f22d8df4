// `motcua audit verify`: recomputes every hash of every audit chain; exit 1 lists what was changed or removed.
import { verifyAudit } from '../modules/audit/chain.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { EXIT, UsageError, bi, type Io } from './io.js';

export async function auditCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    throw new UsageError({ vi: 'Cách dùng: motcua audit verify (xem "motcua help")', en: 'Usage: motcua audit verify (see "motcua help")' });
  }
  parseCommand('audit verify', rest, {}, []);
  return withDatabase(env, io, { mustExist: true, migrate: false }, async (d) => {
    const v = await verifyAudit(d.db);
    if (v.ok) {
      io.out(`OK: ${v.entries} entries in ${v.chains} chains / ${v.entries} mục trong ${v.chains} chuỗi nhật ký kiểm toán, không có thay đổi.`);
      return EXIT.ok;
    }
    io.err(bi(`Nhật ký kiểm toán KHÔNG toàn vẹn: ${v.problems.length} vấn đề`, `The audit log is NOT intact: ${v.problems.length} problem(s)`) + ` (${v.entries} entries, ${v.chains} chains)`);
    for (const p of v.problems) io.err(`  ✗ ${p.chain}${p.seq !== null ? ` #${p.seq}` : ''} [${p.problem}]: ${p.message}`);
    return EXIT.failure;
  });
}
