// The embedded database belongs to one process at a time: PGlite has no inter-process locking, and two
// processes writing one data folder would corrupt it. `serve` and every command hold <data folder>.lock.
import fs from 'node:fs';
import { CliError } from './io.js';

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): Lock {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => fs.rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new CliError({
          vi: `Cơ sở dữ liệu nhúng ${dataDir} đang được tiến trình ${pid} sử dụng (đang chạy "motcua serve"?). Hãy dừng tiến trình đó trước.`,
          en: `The embedded database ${dataDir} is in use by process ${pid} (is "motcua serve" running?). Stop that process first.`,
        });
      }
      fs.rmSync(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new CliError({ vi: `Không khóa được ${file}.`, en: `Cannot lock ${file}.` });
}
