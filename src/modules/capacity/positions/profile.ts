// An official's capacity profile: the held level of each competency (the latest assessment) against what their
// position requires, with the history and evidence behind it; certificates with their status and alerts;
// training hours per year from the class sessions attended; finished practice attempts.
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../errors.js';
import type { Actor } from '../../people/actor.js';
import { requireOfficialAccess } from '../access.js';
import { heldLevels, requirementsOf, unitOfficials } from '../levels.js';
import { certificateAlerts, gapOf } from './domain.js';
import { todayOf } from './service.js';
import { assessmentsOf, certificatesOfAccount, competenciesById, practiceOf, publicCertificate, trainingOf } from './store.js';

const KIND_ORDER: Record<string, number> = { field: 0, digital: 1, communication: 2, management: 3 };

export async function officialProfile(ctx: AppContext, actor: Actor, accountId: number, year?: number) {
  const access = await requireOfficialAccess(ctx, actor, accountId);
  const official = access.unitId ? (await unitOfficials(ctx.db, ctx.units.covered(access.unitId))).find((o) => o.id === accountId) : undefined;
  if (!official) {
    throw new AppError('not_found', {
      vi: 'Tài khoản này không là cán bộ đang làm việc ở đơn vị nào nên không có hồ sơ năng lực.',
      en: 'This account is not an active official of any unit, so it has no capacity profile.',
    });
  }
  const today = todayOf(ctx);
  const unit = ctx.units.byId(access.unitId)!;

  const required = official.position ? ((await requirementsOf(ctx.db, [official.position.id])).get(official.position.id) ?? []) : [];
  const held = (await heldLevels(ctx.db, [accountId])).get(accountId) ?? new Map();
  const history = await assessmentsOf(ctx.db, accountId);
  const ids = [...new Set([...required.map((r) => r.competencyId), ...held.keys()])];
  const comps = await competenciesById(ctx.db, ids);
  const requiredBy = new Map(required.map((r) => [r.competencyId, r.requiredLevel]));

  const competencies = ids
    .map((id) => comps.get(id)!)
    .filter(Boolean)
    .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code))
    .map((c) => {
      const h = held.get(c.id);
      const req = requiredBy.get(c.id) ?? null;
      return {
        competencyId: c.id,
        code: c.code,
        name: c.name,
        kind: c.kind,
        field: c.field,
        required: req,
        held: h?.level ?? 0,
        gap: gapOf(req, h?.level ?? 0),
        source: h?.source ?? null,
        assessedAt: history.find((x) => x.competencyId === c.id)?.assessedAt ?? null,
        history: history.filter((x) => x.competencyId === c.id).map(({ competencyId: _c, ...x }) => x),
      };
    });

  const certs = await certificatesOfAccount(ctx.db, accountId, today);
  const alerts = certificateAlerts(
    certs.map((c) => ({ id: c.id, kind: c.kind, name: c.name, issuedOn: c.issuedOn, expiresOn: c.expiresOn, competencyId: c.competency?.id ?? null, revoked: c.status === 'revoked' })),
    today,
  );
  const training = await trainingOf(ctx.db, accountId);
  const y = year ?? Number(today.slice(0, 4));
  return {
    official: {
      id: official.id,
      fullName: official.fullName,
      username: official.username,
      unit: { code: unit.code, name: unit.name },
      office: official.officeId ? { id: official.officeId, name: official.officeName! } : null,
      position: official.position,
    },
    competencies,
    certificates: certs.map(publicCertificate),
    training: { year: y, hours: training.hoursByYear.find((h) => h.year === y)?.hours ?? 0, hoursByYear: training.hoursByYear, classes: training.classes },
    practice: await practiceOf(ctx.db, accountId),
    alerts,
  };
}
