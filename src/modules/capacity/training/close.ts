// Closing a class: every enrolled official either passes (full attendance and every test at 5/10 or above) and
// gets a certificate plus the programme's competency levels, or does not and keeps the reason. All of it, with
// the audit entries, in one transaction: a class is never half closed.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { domainRule, type Msg } from '../../../errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import type { Actor } from '../../people/actor.js';
import { requireCapacityAdmin } from '../access.js';
import { heldLevels } from '../levels.js';
import { assertOpen, audit, classDetail, findClass, today, type ClassDetail } from './classes.js';
import { certificateExpiry, dmy, verdict, verificationCode } from './domain.js';

export interface CloseResult {
  class: ClassDetail;
  passed: Array<{ accountId: number; fullName: string; certificateId: number; verificationCode: string }>;
  notPassed: Array<{ accountId: number; fullName: string; reason: Msg }>;
}

async function uniqueCode(tx: Transaction<DB>, unitCode: string, year: number, taken: Set<string>): Promise<string> {
  for (;;) {
    const code = verificationCode(unitCode, year, () => crypto.randomInt(0, 1 << 30) / (1 << 30));
    if (taken.has(code)) continue;
    const clash = await tx.selectFrom('certificates').select('id').where('verification_code', '=', code).executeTakeFirst();
    if (!clash) {
      taken.add(code);
      return code;
    }
  }
}

export async function closeClass(ctx: AppContext, actor: Actor, id: number): Promise<CloseResult> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const row = await findClass(tx, id, true);
    const grant = requireCapacityAdmin(ctx, actor, row.unit_id);
    assertOpen(row, { vi: 'kết thúc lớp', en: 'close the class' });
    if (row.ends_on > today(ctx)) {
      throw domainRule({ vi: `Lớp ${row.code} kết thúc ngày ${dmy(row.ends_on)}: chưa thể đóng lớp và cấp chứng chỉ.`, en: `Class ${row.code} ends on ${dmy(row.ends_on)}: it cannot be closed before then.` });
    }
    const unit = ctx.units.byId(row.unit_id)!;
    // Read whatever programme the class runs, even one retired since.
    const programme = await tx.selectFrom('training_programmes').selectAll().where('id', '=', row.programme_id).executeTakeFirstOrThrow();
    const raises = await tx.selectFrom('programme_competencies').select(['competency_id', 'level']).where('programme_id', '=', programme.id).execute();
    const sessions = await tx.selectFrom('class_sessions').select(['id', 'seq', 'held_on']).where('class_id', '=', id).execute();
    const tests = await tx.selectFrom('class_tests').select(['id', 'seq', 'name']).where('class_id', '=', id).execute();
    const learners = await tx
      .selectFrom('enrolments as e')
      .innerJoin('accounts as a', 'a.id', 'e.account_id')
      .select(['e.account_id', 'a.full_name'])
      .where('e.class_id', '=', id)
      .where('e.status', '=', 'enrolled')
      .orderBy('a.full_name')
      .execute();
    const ids = learners.map((l) => l.account_id);
    const marks = ids.length && sessions.length
      ? await tx.selectFrom('attendance').select(['session_id', 'account_id', 'present']).where('session_id', 'in', sessions.map((s) => s.id)).where('account_id', 'in', ids).execute()
      : [];
    const scores = ids.length && tests.length
      ? await tx.selectFrom('test_scores').select(['test_id', 'account_id', 'score']).where('test_id', 'in', tests.map((t) => t.id)).where('account_id', 'in', ids).execute()
      : [];
    const held = await heldLevels(tx, ids);
    const single = raises.length === 1 ? raises[0]! : null;
    const taken = new Set<string>();
    const passed: CloseResult['passed'] = [];
    const notPassed: CloseResult['notPassed'] = [];

    for (const l of learners) {
      const v = verdict(
        sessions.map((s) => ({ seq: s.seq, heldOn: s.held_on, present: marks.find((m) => m.session_id === s.id && m.account_id === l.account_id)?.present ?? null })),
        tests.map((t) => {
          const s = scores.find((x) => x.test_id === t.id && x.account_id === l.account_id);
          return { seq: t.seq, name: t.name, score: s ? Number(s.score) : null };
        }),
      );
      if (!v.passed) {
        await tx.updateTable('enrolments').set({ status: 'not_passed', result_note: JSON.stringify(v.reason) }).where('class_id', '=', id).where('account_id', '=', l.account_id).execute();
        notPassed.push({ accountId: l.account_id, fullName: l.full_name, reason: v.reason });
        continue;
      }
      const code = await uniqueCode(tx, unit.code, Number(row.ends_on.slice(0, 4)), taken);
      const cert = await tx
        .insertInto('certificates')
        .values({
          account_id: l.account_id,
          unit_id: row.unit_id,
          kind: 'training',
          name: `${programme.name} (${row.code})`.slice(0, 300),
          issuer: unit.name,
          issued_on: row.ends_on,
          expires_on: certificateExpiry(row.ends_on, programme.certificate_valid_months),
          verification_code: code,
          competency_id: single?.competency_id ?? null,
          level: single?.level ?? null,
          class_id: id,
          created_by: actor.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const certificateId = Number(cert.id);
      await tx.updateTable('enrolments').set({ status: 'passed', certificate_id: certificateId, result_note: null }).where('class_id', '=', id).where('account_id', '=', l.account_id).execute();
      // The levels the programme brings, never lowering one already held higher.
      const raised = raises.filter((r) => (held.get(l.account_id)?.get(r.competency_id)?.level ?? 0) < r.level);
      if (raised.length) {
        await tx
          .insertInto('competency_assessments')
          .values(
            raised.map((r) => ({
              account_id: l.account_id,
              unit_id: row.unit_id,
              competency_id: r.competency_id,
              level: r.level,
              source: 'training' as const,
              evidence: { classId: id, classCode: row.code, programmeId: programme.id, certificateId, verificationCode: code, previousLevel: held.get(l.account_id)?.get(r.competency_id)?.level ?? 0 },
              note: `${programme.name} (${row.code})`,
              assessed_by: actor.accountId,
              assessed_at: now,
            })),
          )
          .execute();
      }
      await appendAudit(tx, {
        chain: chainForUnit(row.unit_id),
        at: now,
        actorId: actor.accountId,
        actorRole: grant.role,
        action: 'training.certificate_issued',
        entity: 'certificate',
        entityId: String(certificateId),
        details: { classId: id, accountId: l.account_id, verificationCode: code, raised: raised.map((r) => ({ competencyId: r.competency_id, level: r.level })) },
      });
      passed.push({ accountId: l.account_id, fullName: l.full_name, certificateId, verificationCode: code });
    }
    await tx.updateTable('training_classes').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
    await audit(tx, row.unit_id, actor, grant, 'training.class_closed', id, { passed: passed.length, notPassed: notPassed.length }, now);
    return { passed, notPassed };
  });
  return { class: await classDetail(ctx, ctx.db, id), ...outcome };
}
