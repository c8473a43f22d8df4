// SQL for workflows. A workflow row applies to a procedure (or every procedure: null) at a unit (or every
// unit: null); the dossier engine asks for the most specific active row, and an admin's change deactivates
// the row it replaces and adds the next version, so a dossier's workflow_id keeps pointing at what it ran under.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DEFAULT_WORKFLOW, Workflow } from './workflow.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface FoundWorkflow {
  id: number;
  definition: Workflow;
  version: number;
  /** null: the row applies to every procedure. */
  procedureId: number | null;
  /** null: the row applies to every unit. */
  unitId: number | null;
  createdBy: number | null;
  createdAt: Date;
}

const COLUMNS = ['id', 'definition', 'version', 'procedure_id', 'unit_id', 'created_by', 'created_at'] as const;

function toFound(row: { id: number; definition: unknown; version: number; procedure_id: number | null; unit_id: number | null; created_by: number | null; created_at: Date | string }): FoundWorkflow {
  const parsed = Workflow.safeParse(row.definition);
  if (!parsed.success) throw new Error(`workflow ${row.id} in the database does not satisfy the Workflow schema: ${parsed.error.message}`);
  return {
    id: row.id,
    definition: parsed.data,
    version: row.version,
    procedureId: row.procedure_id,
    unitId: row.unit_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

/**
 * The workflow in force for a procedure at a unit: the most specific active row among (procedure, unit),
 * (procedure, every unit), (every procedure, unit) and (every procedure, every unit). A database that has
 * no default row yet gets one from DEFAULT_WORKFLOW, so a dossier always has a workflow to point at.
 */
export async function findWorkflow(db: Db, procedureId: number | null, unitId: number | null): Promise<FoundWorkflow> {
  const found = await mostSpecific(db, procedureId, unitId);
  if (found) return found;
  // The unique index on active (procedure, unit) makes a concurrent insert of the default a no-op.
  await sql`insert into workflows (procedure_id, unit_id, version, definition) values (null, null, 1, ${JSON.stringify(DEFAULT_WORKFLOW)}::jsonb) on conflict do nothing`.execute(db);
  const created = await mostSpecific(db, procedureId, unitId);
  if (!created) throw new Error('no active default workflow after inserting it');
  return created;
}

async function mostSpecific(db: Db, procedureId: number | null, unitId: number | null): Promise<FoundWorkflow | undefined> {
  const row = await db
    .selectFrom('workflows')
    .select(COLUMNS)
    .where('active', '=', true)
    .where((eb) => (procedureId === null ? eb('procedure_id', 'is', null) : eb.or([eb('procedure_id', '=', procedureId), eb('procedure_id', 'is', null)])))
    .where((eb) => (unitId === null ? eb('unit_id', 'is', null) : eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)])))
    // false sorts before true: a row naming the procedure beats one naming the unit, which beats the default.
    .orderBy(sql`procedure_id is null`)
    .orderBy(sql`unit_id is null`)
    .limit(1)
    .executeTakeFirst();
  return row ? toFound(row) : undefined;
}

/** The active row for exactly this scope (no fallback), if any. */
export async function findWorkflowExactly(db: Db, procedureId: number | null, unitId: number | null): Promise<FoundWorkflow | undefined> {
  const row = await db
    .selectFrom('workflows')
    .select(COLUMNS)
    .where('active', '=', true)
    .where('procedure_id', procedureId === null ? 'is' : '=', procedureId)
    .where('unit_id', unitId === null ? 'is' : '=', unitId)
    .executeTakeFirst();
  return row ? toFound(row) : undefined;
}

/**
 * Replaces the active workflow of a scope inside the caller's transaction: the previous row is deactivated
 * (kept, since dossiers point at it) and the new one gets the next version number of that scope. The
 * caller must hold a lock that serialises writers of the scope (routes lock the procedure's row).
 */
export async function replaceWorkflow(
  tx: Transaction<DB>,
  scope: { procedureId: number | null; unitId: number | null },
  definition: Workflow,
  by: { accountId: number | null; at: Date },
): Promise<{ id: number; version: number; previousId: number | null }> {
  const previous = await tx
    .updateTable('workflows')
    .set({ active: false })
    .where('active', '=', true)
    .where('procedure_id', scope.procedureId === null ? 'is' : '=', scope.procedureId)
    .where('unit_id', scope.unitId === null ? 'is' : '=', scope.unitId)
    .returning('id')
    .executeTakeFirst();
  const last = await tx
    .selectFrom('workflows')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('version'))
    .where('procedure_id', scope.procedureId === null ? 'is' : '=', scope.procedureId)
    .where('unit_id', scope.unitId === null ? 'is' : '=', scope.unitId)
    .executeTakeFirstOrThrow();
  const version = last.version + 1;
  const row = await tx
    .insertInto('workflows')
    .values({
      procedure_id: scope.procedureId,
      unit_id: scope.unitId,
      version,
      definition: JSON.stringify(definition),
      active: true,
      created_by: by.accountId,
      created_at: by.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, version, previousId: previous?.id ?? null };
}
