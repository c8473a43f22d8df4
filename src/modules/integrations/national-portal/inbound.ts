// Dossiers citizens submitted on the national portal, taken into the commune's queue: for each unit with
// accounts, fetch its waiting submissions, create each as an online dossier (status 'submitted', source
// 'national_portal') through the same code path as MotCua's own portal, and acknowledge it with the dossier
// code. national_portal_inbound is written in the dossier's transaction, so a submission pulled twice (or
// seen again after a crash before the acknowledgement) becomes one dossier and is only acknowledged again.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, type Msg } from '../../../errors.js';
import { findVersionAt, type ProcedureVersion } from '../../catalogue/store.js';
import { limitFor } from '../../catalogue/domain.js';
import { storeFile } from '../../files/store.js';
import { Applicant, createDossier, numberDossier } from '../../dossiers/service.js';
import { findWorkflow } from '../../dossiers/workflow-store.js';
import { recordSubmitted } from '../../dossiers/store.js';
import { applicantSources, recordDataSources } from '../population/provenance.js';
import type { BackgroundJob, JobFactory } from '../../outbox/registry.js';
import { clientFor, type NationalPortalClient, type PortalSubmission } from './client.js';
import { notConfigured, unreachable } from './catalogue-sync.js';
import { lastRun, recordRun } from './runs.js';

export const SOURCE = 'national_portal' as const;

export interface PullReport {
  units: number;
  fetched: number;
  created: Array<{ submissionId: string; code: string; unitCode: string }>;
  /** Already taken in earlier: acknowledged again only. */
  alreadyReceived: number;
  acknowledged: number;
  failed: Array<{ submissionId: string; unitCode: string; message: Msg }>;
  /** Units whose list could not be fetched. */
  unreachable: Array<{ unitCode: string; error: string }>;
}

export interface PullOptions {
  /** Only these units (a centre admin's); default every commune with an active account. */
  unitIds?: number[];
  actorId?: number | null;
  client?: NationalPortalClient;
  signal?: AbortSignal;
}

class SubmissionProblem extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
  }
}

const RESULT_DELIVERY = { 1: 'counter', 2: 'postal', 3: 'online' } as const;
const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Communes (wards, special zones) where somebody can work the queue. */
async function unitsToPull(ctx: AppContext, only?: number[]): Promise<Array<{ id: number; code: string }>> {
  if (only && only.length === 0) return [];
  return ctx.db
    .selectFrom('units as u')
    .select(['u.id', 'u.code'])
    .where('u.kind', '<>', 'province')
    .where('u.merged_into_id', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .innerJoin('accounts as a', 'a.id', 'g.account_id')
          .select('g.id')
          .whereRef('g.unit_id', '=', 'u.id')
          .where('a.active', '=', true),
      ),
    )
    .$if(!!only, (q) => q.where('u.id', 'in', only!))
    .orderBy('u.code')
    .execute();
}

export async function pullSubmissions(ctx: AppContext, options: PullOptions = {}): Promise<PullReport> {
  const config = ctx.config.integrations.nationalPortal;
  if (!config) throw notConfigured();
  const client = options.client ?? clientFor(config);
  await ctx.units.ready();
  const startedAt = ctx.clock.now();
  const units = await unitsToPull(ctx, options.unitIds);
  const report: PullReport = { units: units.length, fetched: 0, created: [], alreadyReceived: 0, acknowledged: 0, failed: [], unreachable: [] };
  for (const unit of units) {
    let list: PortalSubmission[];
    try {
      list = await client.submissions(unit.code, options.signal);
    } catch (e) {
      report.unreachable.push({ unitCode: unit.code, error: (e as Error).message });
      continue;
    }
    report.fetched += list.length;
    for (const s of list) {
      try {
        const taken = await takeIn(ctx, unit, s);
        if (taken.created) report.created.push({ submissionId: s.Id, code: taken.code, unitCode: unit.code });
        else report.alreadyReceived += 1;
        await client.acknowledge(s.Id, taken.code, `motcua.inbound.${s.Id}`, options.signal);
        await ctx.db.updateTable('national_portal_inbound').set({ acked_at: ctx.clock.now() }).where('portal_submission_id', '=', s.Id).execute();
        report.acknowledged += 1;
      } catch (e) {
        report.failed.push({ submissionId: String(s?.Id ?? ''), unitCode: unit.code, message: problemOf(e) });
      }
    }
  }
  const everyUnitFailed = units.length > 0 && report.unreachable.length === units.length;
  // Nothing new: no dossier made or acknowledged, no unit unreachable, and the same submissions refused as last
  // time (one the portal keeps offering would otherwise add a row to the log every minute).
  const failedIds = report.failed.map((f) => f.submissionId).sort();
  const previous = await lastRun(ctx.db, 'pull');
  const previousFailed = ((previous?.report.failed ?? []) as Array<{ submissionId?: string }>).map((f) => String(f.submissionId)).sort();
  const quiet = report.created.length === 0 && report.acknowledged === 0 && report.unreachable.length === 0 && failedIds.join() === previousFailed.join();
  await recordRun(
    ctx.db,
    {
    kind: 'pull',
    startedAt,
    finishedAt: ctx.clock.now(),
    ok: !everyUnitFailed,
    report: { ...report, created: report.created.length, createdCodes: report.created.map((c) => c.code) },
      error: everyUnitFailed ? report.unreachable[0]!.error : null,
      actorId: options.actorId ?? null,
    },
    quiet,
  );
  if (everyUnitFailed) throw unreachable(report.unreachable[0]!.error);
  return report;
}

function problemOf(e: unknown): Msg {
  if (e instanceof SubmissionProblem || e instanceof AppError) return e.msg;
  const text = (e as Error)?.message ?? String(e);
  return { vi: text, en: text };
}

/** Creates the dossier of one submission, or finds the one made from it before. */
async function takeIn(ctx: AppContext, unit: { id: number; code: string }, s: PortalSubmission): Promise<{ created: boolean; code: string }> {
  const before = await existing(ctx.db, s.Id);
  if (before) return { created: false, code: before };
  const target = ctx.units.byId(unit.id)!;
  const now = ctx.clock.now();
  const version = await findVersionAt(ctx.db, String(s.MaTTHC ?? ''), now);
  if (!version) throw new SubmissionProblem({ vi: `Thủ tục ${s.MaTTHC} không có trong danh mục đang hiệu lực.`, en: `Procedure ${s.MaTTHC} is not in the catalogue in force.` });
  const limit = limitFor(version.channels, 'online');
  if (!limit.ok) throw new SubmissionProblem(limit.reason);
  const applicant = applicantOf(s);
  const workflow = await findWorkflow(ctx.db, version.procedureId, unit.id);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const files = await storeFiles(tx, s, version, now);
      const row = await createDossier(tx, {
        unitId: unit.id,
        identifier: target.identifier,
        version,
        workflowId: workflow.id,
        channel: 'online',
        applicant,
        subject: s.TrichYeuHoSo?.trim() || null,
        setsCount: 1,
        resultDelivery: RESULT_DELIVERY[s.HinhThucNhanKetQua as 1 | 2 | 3] ?? 'counter',
        limit: limit.limit,
        fee: limit.fee,
        receiverId: null,
        components: files.matched,
        actor: { accountId: null, role: 'applicant', name: applicant.name },
        now,
        source: SOURCE,
      });
      const provided = files.matched.map((c) => c.key);
      if (provided.length) await tx.updateTable('dossier_components').set({ provided: true }).where('dossier_id', '=', row.id).where('component_key', 'in', provided).execute();
      if (files.other.length) {
        await tx
          .insertInto('dossier_files')
          .values(files.other.map((id) => ({ dossier_id: row.id, file_id: id, component_key: null, kind: 'component' as const, added_by: null, added_at: now })))
          .execute();
      }
      const numbered = await numberDossier(tx, row, target.identifier, now);
      await tx.insertInto('national_portal_inbound').values({ portal_submission_id: s.Id, dossier_id: row.id, unit_id: unit.id, received_at: now }).execute();
      // Every datum came from the portal's submission: the dossier page shows it field by field.
      await recordDataSources(
        tx,
        row.id,
        [...applicantSources(applicant, null, SOURCE), ...provided.map((key) => ({ field: `components.${key}`, source: SOURCE, reference: null }))].map((x) => ({ ...x, reference: s.Id })),
        now,
      );
      await recordSubmitted(tx, numbered, { accountId: null, role: 'applicant', name: applicant.name }, now);
      return { created: true, code: numbered.code };
    });
  } catch (e) {
    // Another pull took the same submission in meanwhile: its dossier stands, ours rolled back.
    if ((e as { code?: string }).code === '23505') {
      const code = await existing(ctx.db, s.Id);
      if (code) return { created: false, code };
    }
    throw e;
  }
}

async function existing(db: AppContext['db'], submissionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('national_portal_inbound as i')
    .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .select('d.code')
    .where('i.portal_submission_id', '=', submissionId)
    .executeTakeFirst();
  return row?.code;
}

function applicantOf(s: PortalSubmission) {
  const opt = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const citizen = s.LoaiDoiTuong !== 2;
  const parsed = Applicant.safeParse({
    kind: citizen ? 'citizen' : 'organisation',
    name: s.ChuHoSo,
    // For an organisation MaDoiTuong is its tax code, not a personal ID number.
    idNumber: citizen ? opt(s.MaDoiTuong) : undefined,
    phone: opt(s.SoDienThoai),
    email: opt(s.Email),
    address: opt(s.DiaChi),
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new SubmissionProblem({ vi: `Thông tin người nộp không hợp lệ (${fields}).`, en: `Invalid applicant data (${fields}).` });
  }
  return parsed.data;
}

/**
 * Stores the submitted files; each goes to the component it names: by MotCua's component key, by the component's
 * name, or by its position in the national record (MAGIAYTO "….GT2"); otherwise it is kept without a component.
 */
async function storeFiles(tx: Transaction<DB>, s: PortalSubmission, version: ProcedureVersion, now: Date): Promise<{ matched: Array<{ key: string; fileIds: string[] }>; other: string[] }> {
  const byName = new Map(version.components.map((c) => [fold(c.name), c.key]));
  const keys = new Set(version.components.map((c) => c.key));
  const matched = new Map<string, string[]>();
  const other: string[] = [];
  for (const [i, f] of (Array.isArray(s.TaiLieuNop) ? s.TaiLieuNop : []).entries()) {
    const content = typeof f?.DuLieu === 'string' ? Buffer.from(f.DuLieu, 'base64') : Buffer.alloc(0);
    if (content.byteLength === 0) throw new SubmissionProblem({ vi: `Tệp thứ ${i + 1} không có nội dung.`, en: `File ${i + 1} has no content.` });
    const stored = await storeFile(tx, content, String(f.TenTep ?? `tep-${i + 1}`), null, now);
    const position = /\.GT(\d{1,3})$/.exec(f.MaGiayTo ?? '');
    const key =
      (f.MaGiayTo && keys.has(f.MaGiayTo) ? f.MaGiayTo : undefined) ??
      (f.TenGiayTo ? byName.get(fold(f.TenGiayTo)) : undefined) ??
      (position ? version.components[Number(position[1]) - 1]?.key : undefined);
    if (key) matched.set(key, [...(matched.get(key) ?? []), stored.id]);
    else other.push(stored.id);
  }
  return { matched: [...matched].map(([key, fileIds]) => ({ key, fileIds })), other };
}

export function inboundJob(ctx: AppContext, intervalMs = 60_000): BackgroundJob | null {
  const config = ctx.config.integrations.nationalPortal;
  if (!config) return null;
  return {
    name: 'national_portal_inbound',
    intervalMs,
    // A failed run is recorded in national_portal_runs (the admin page) and logged by the runner; the next goes ahead.
    async run(signal: AbortSignal) {
      await pullSubmissions(ctx, { signal });
    },
  };
}

export const inboundJobFactory: JobFactory = (ctx) => inboundJob(ctx);
