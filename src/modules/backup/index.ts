// Backup and restore of a whole MotCua database (embedded or server) as one portable gzip'd JSON-lines file:
// every table, found in the database's own catalog, so tables added by later migrations come along.
export { writeBackup, type BackupReport, type BackupOptions, type TableCount } from './backup.js';
export { restoreBackup, type RestoreOptions, type RestoreReport } from './restore.js';
export { BackupError, BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './format.js';
export { listTables, countRows, type TableInfo } from './tables.js';
