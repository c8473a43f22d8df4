// PGlite starts PostgreSQL with `-F` (fsync off) and Emscripten's NODEFS has no fsync at all, so a
// crash or power cut after COMMIT can lose the commit. A commune's records must survive that:
// we start without `-F`, flush the WAL with fsync() and give NODEFS a real fsync that reaches the disk through Node's fs.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

export const syncCounter = { count: 0 };

type EmscriptenModule = { NODEFS: { stream_ops: Record<string, unknown> } };
type Stream = { nfd?: number };

export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, opts);
    const preRun = [
      ...((result.emscriptenOpts.preRun as Array<(mod: EmscriptenModule) => void>) ?? []),
      (mod: EmscriptenModule) => {
        mod.NODEFS.stream_ops.fsync = (stream: Stream) => {
          if (typeof stream.nfd === 'number') {
            fs.fsyncSync(stream.nfd);
            syncCounter.count++;
          }
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } as typeof result.emscriptenOpts };
  }
}

/** PGlite's own default start parameters, less `-F` (which turns fsync off). */
export function durableStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams;
  if (!defaults) throw new Error('PGlite.defaultStartParams not found: check the PGlite version');
  // Emscripten implements fdatasync() as a no-op, so the WAL must be flushed with fsync().
  return [...defaults.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}
