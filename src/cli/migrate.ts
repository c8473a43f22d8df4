// `motcua migrate`: brings the schema up to date (also creates the embedded database on first use).
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { EXIT, type Io } from './io.js';

export async function migrateCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  parseCommand('migrate', args, {}, []);
  await withDatabase(env, io, { migrate: true }, async () => undefined);
  return EXIT.ok;
}
