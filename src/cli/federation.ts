// `motcua federation key | peers | add-peer`: this instance's id and public key (to give to a peer's admin),
// the registered peers, and registering one. With the embedded database, stop the server first (it holds the
// database); the web app's admin page does the same while it runs.
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { instanceKey } from '../modules/integrations/federation/keys.js';
import { addPeer, listPeers, PeerInput } from '../modules/integrations/federation/peers.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { CliError, EXIT, UsageError, bi, table, type Io } from './io.js';

const USAGE = {
  vi: 'Cách dùng: motcua federation key | peers | add-peer --name TÊN --url ĐỊA_CHỈ --key KHOÁ_CÔNG_KHAI --units MÃ,MÃ,…',
  en: 'Usage: motcua federation key | peers | add-peer --name NAME --url URL --key PUBLIC_KEY --units CODE,CODE,…',
};

export async function federationCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'key') {
    parseCommand('federation key', rest, {}, []);
    return withDatabase(env, io, { migrate: true }, async (d) => {
      const key = await instanceKey(d.db);
      io.out(bi('Gửi hai dòng sau cho quản trị viên hệ thống liên thông', 'Give these two lines to the peer system\'s admin') + ':');
      io.out(`${bi('Mã hệ thống', 'Instance id')}: ${key.instanceId}`);
      io.out(`${bi('Khoá công khai', 'Public key')}: ${key.publicKey}`);
      io.out(`${bi('Mã khoá', 'Key id')}: ${key.keyId}`);
      return EXIT.ok;
    });
  }
  if (sub === 'peers') {
    parseCommand('federation peers', rest, {}, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const peers = await listPeers(d.db);
      if (!peers.length) {
        io.out(bi('Chưa đăng ký hệ thống liên thông nào.', 'No peer system registered.'));
        return EXIT.ok;
      }
      for (const line of table(
        ['#', bi('Tên', 'Name'), bi('Địa chỉ', 'URL'), bi('Mã khoá', 'Key id'), bi('Đơn vị', 'Units'), bi('Hoạt động', 'Active')],
        peers.map((p) => [p.id, p.name, p.baseUrl, p.keyId, p.unitCodes.join(','), p.active ? bi('có', 'yes') : bi('không', 'no')]),
      )) {
        io.out(line);
      }
      return EXIT.ok;
    });
  }
  if (sub === 'add-peer') {
    const { flags } = parseCommand('federation add-peer', rest, { name: { type: 'string' }, url: { type: 'string' }, key: { type: 'string' }, units: { type: 'string' } }, []);
    const missing = ['name', 'url', 'key', 'units'].filter((f) => typeof flags[f] !== 'string');
    if (missing.length) throw new UsageError(USAGE, `${bi('Thiếu', 'Missing')}: ${missing.map((m) => `--${m}`).join(', ')}`);
    let input: PeerInput;
    try {
      input = PeerInput.parse({ name: flags.name, url: flags.url, publicKey: flags.key, unitCodes: String(flags.units).split(',').map((c) => c.trim()).filter(Boolean) });
    } catch (e) {
      if (e instanceof ZodError) {
        const issue = e.issues[0]!;
        const [vi, en] = issue.message.includes(' | ') ? issue.message.split(' | ') : [issue.message, issue.message];
        throw new UsageError({ vi: `Giá trị không hợp lệ (${issue.path.join('.')}): ${vi}`, en: `Invalid value (${issue.path.join('.')}): ${en}` });
      }
      throw e;
    }
    return withDatabase(env, io, { migrate: true }, async (d) => {
      try {
        const peer = await addPeer(d.db, input, { accountId: null, role: 'cli' }, new Date());
        io.out(bi(`Đã đăng ký hệ thống "${peer.name}" (#${peer.id}), mã khoá ${peer.keyId}, đơn vị ${peer.unitCodes.join(', ')}.`, `Registered "${peer.name}" (#${peer.id}), key id ${peer.keyId}, units ${peer.unitCodes.join(', ')}.`));
        return EXIT.ok;
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.msg);
        throw e;
      }
    });
  }
  throw new UsageError(USAGE);
}
