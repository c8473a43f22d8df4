// Opens the database and assembles the AppContext used by the server, the CLI and the tests.
import { openDatabase, type Database, type DatabaseOptions } from './db/connection.js';
import { migrate } from './db/migrate.js';
import type { AppContext } from './context.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './clock.js';
import { UnitDirectory } from './modules/units/directory.js';

export async function createContext(
  dbOptions: DatabaseOptions,
  config: Config,
  clock: Clock = systemClock,
): Promise<{ ctx: AppContext; database: Database }> {
  const database = await openDatabase(dbOptions);
  await migrate(database.db);
  return { ctx: contextFor(database, config, clock), database };
}

export function contextFor(database: Database, config: Config, clock: Clock = systemClock): AppContext {
  return { db: database.db, dbKind: database.kind, config, clock, units: new UnitDirectory(database.db) };
}
