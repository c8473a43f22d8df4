// The SQL that generates benchmark dossiers in bulk: helper tables describing who, what and when, and one
// statement per chunk of whole days that writes dossiers with their components, first history entry, open
// pauses and code counters. Every "random" choice is a hash of the row number, so a run is reproducible.

/** Uniform in [0, 1) from a row number and a salt: the low 53 bits of PostgreSQL's 64-bit integer hash. */
export const CREATE_RAND = `
create or replace function bench_rand(i bigint, salt integer) returns double precision
  language sql immutable parallel safe
  as $$ select (hashint8extended(i, salt) & 9007199254740991)::float8 / 9007199254740992.0 $$`;

/**
 * `communes` communes of one province, wards first (the busiest): Huế (46, the demo's, 40 communes) when it has
 * enough, else the first province that does. Their receiving officer and specialist where the demo has one.
 */
export function createUnits(communes: number): string {
  if (!Number.isSafeInteger(communes) || communes < 1) throw new RangeError('bad commune count');
  return `
create table bench_units as
with province as (
  select p.id from units p
   where p.kind = 'province'
     and (select count(*) from units u where u.parent_id = p.id and u.merged_into_id is null) >= ${communes}
   order by p.code = '46' desc, p.code
   limit 1
)
select (row_number() over (order by u.kind = 'ward' desc, u.id) - 1)::int as idx, u.id as unit_id, u.identifier,
       (select g.account_id from role_grants g where g.unit_id = u.id and g.role = 'receiving_officer' order by g.account_id limit 1) as receiver_id,
       (select a.full_name from role_grants g join accounts a on a.id = g.account_id
         where g.unit_id = u.id and g.role = 'receiving_officer' order by g.account_id limit 1) as receiver_name,
       (select g.account_id from role_grants g where g.unit_id = u.id and g.role = 'specialist' order by g.account_id limit 1) as specialist_id
  from units u join province p on p.id = u.parent_id
 where u.merged_into_id is null
 order by u.kind = 'ward' desc, u.id
 limit ${communes}`;
}

/** The province the bench units belong to (while bench_units exists). */
export const BENCH_PROVINCE = `select p.code from units p where p.id = (select u.parent_id from units u join bench_units b on b.unit_id = u.id limit 1)`;

/**
 * The procedures in force, civil status (Hộ tịch) and certification (Chứng thực) first: those are most of a
 * commune's dossiers. Time limit and fee come from the counter channel; a limit without a unit counts in working days.
 */
export const CREATE_PROCEDURES = `
create table bench_procs as
with current_version as (
  select distinct on (v.procedure_id) v.*
    from procedure_versions v
   where v.effective_to is null
   order by v.procedure_id, v.effective_from desc, v.version desc
), counter as (
  select cv.*, coalesce(
           (select c from jsonb_array_elements(cv.channels) c where c->>'channel' = 'counter' limit 1),
           cv.channels->0) as ch
    from current_version cv
)
select (row_number() over (order by (c.field in ('Hộ tịch', 'Chứng thực')) desc, p.code) - 1)::int as idx,
       c.procedure_id, c.id as version_id, c.name, c.components,
       case when jsonb_typeof(c.ch->'timeLimit'->'value') = 'number'
            then greatest(0, round((c.ch->'timeLimit'->>'value')::numeric))::int else 5 end as limit_value,
       case when c.ch->'timeLimit'->>'unit' in ('working_day', 'day', 'hour', 'same_day')
            then c.ch->'timeLimit'->>'unit' else 'working_day' end as limit_unit,
       case when jsonb_typeof(c.ch->'fee'->'amount') = 'number'
            then round((c.ch->'fee'->>'amount')::numeric)::bigint end as fee_amount
  from counter c join procedures p on p.id = c.procedure_id`;

/**
 * Working days (Monday–Friday) of the ten years before today, and which rows fall on each: row i belongs to
 * day k when first_i <= i < next_i. Volume grows over the years (cumulative share (k/D)^1.5), as it did
 * while more procedures went through the centres.
 */
export function createDays(first: string, last: string, n: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(first) || !/^\d{4}-\d{2}-\d{2}$/.test(last) || !Number.isSafeInteger(n)) throw new RangeError('bad day range');
  // Literals, not parameters: CREATE TABLE AS takes none.
  return `
create table bench_days as
with d as (
  select day::date as day, (row_number() over (order by day) - 1)::int as k, count(*) over () as total
    from generate_series('${first}'::date, '${last}'::date, interval '1 day') day
   where extract(isodow from day) < 6
)
select k, day,
       floor(${n}::bigint * power(k::float8 / total, 1.5))::bigint + 1 as first_i,
       floor(${n}::bigint * power((k + 1)::float8 / total, 1.5))::bigint + 1 as next_i
  from d`;
}

const NAMES = {
  family: ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đoàn', 'Tôn Thất', 'Nguyễn Phước'],
  middleMale: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Đình'],
  middleFemale: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Diệu', 'Bảo'],
  givenMale: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Minh', 'Nam', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Việt'],
  givenFemale: ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Nga', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vy', 'Yến'],
};

const pick = (list: readonly string[], u: string) => `(array[${list.map((s) => `'${s}'`).join(',')}])[1 + floor(${u} * ${list.length})::int]`;

/**
 * One chunk: the rows of days $1..$2 ($3 = default workflow id, $4 = now, $5 = the day before today).
 * Rows arrive in time order (ids grow with submitted_at) and their codes are numbered per unit and day, as
 * the counter would have numbered them. Statuses depend on age: a dossier older than 45 days is almost always
 * closed; among recent ones a share still open that shrinks with age.
 */
export const INSERT_CHUNK = `
with src as (
  select i, bd.day, ($5::date - bd.day) as age,
         bench_rand(i, 1) as u_unit, bench_rand(i, 2) as u_proc, bench_rand(i, 3) as u_time, bench_rand(i, 4) as u_status,
         bench_rand(i, 5) as u_open, bench_rand(i, 6) as u_a, bench_rand(i, 7) as u_b, bench_rand(i, 8) as u_c,
         bench_rand(i, 9) as u_d, bench_rand(i, 10) as u_e, bench_rand(i, 11) as u_f, bench_rand(i, 12) as u_g,
         bench_rand(i, 13) as u_h
    from bench_days bd cross join lateral generate_series(bd.first_i, bd.next_i - 1) i
   where bd.k between $1 and $2
), placed as (
  select s.*, bu.unit_id, bu.identifier, bu.receiver_id, bu.receiver_name, bu.specialist_id,
         bp.procedure_id, bp.version_id, bp.name as procedure_name, bp.limit_value, bp.limit_unit, bp.fee_amount,
         -- office hours 07:30–11:30 and 13:30–17:00, Vietnam time (UTC+7, no daylight saving)
         (s.day::timestamp + ((case when s.u_time < 240.0 / 450 then 450 + floor(s.u_time * 450) else 570 + floor(s.u_time * 450) end) - 420)
            * interval '1 minute') at time zone 'UTC' as submitted_at,
         case when s.u_a < 0.70 then 'counter' when s.u_a < 0.95 then 'online' else 'postal' end as channel,
         case when s.u_b < 0.5 then 'm' else 'f' end as sex,
         case when s.age > 45 then
                case when s.u_status < 0.025 then 'refused' when s.u_status < 0.035 then 'withdrawn'
                     when s.u_status < 0.040 then 'resolved' else 'returned' end
              when s.u_status < 0.02 then 'refused'
              when s.u_status < 0.03 then 'withdrawn'
              when s.u_status < 0.03 + 0.65 * (1 - s.age / 46.0) then
                case when s.u_open < 0.20 then 'received' when s.u_open < 0.62 then 'processing'
                     when s.u_open < 0.77 then 'pending_approval' when s.u_open < 0.85 then 'approved'
                     when s.u_open < 0.97 then 'supplement_requested' else 'fee_requested' end
              when s.u_status < 0.11 + 0.65 * (1 - s.age / 46.0) then 'resolved'
              else 'returned' end as status
    from src s
    join bench_units bu on bu.idx = floor((select count(*) from bench_units) * power(s.u_unit, 1.6))::int
    join bench_procs bp on bp.idx = floor((select count(*) from bench_procs) * power(s.u_proc, 3))::int
), timed as (
  select p.*,
         case when p.status = 'refused' then null
              when p.channel = 'counter' then p.submitted_at + (2 + floor(p.u_c * 14)) * interval '1 minute'
              else p.submitted_at + (1 + floor(p.u_c * 4)) * interval '1 hour' end as received_at
    from placed p
), due as (
  select t.*,
         t.received_at + case t.limit_unit
                           when 'hour' then t.limit_value * interval '1 hour'
                           when 'day' then t.limit_value * interval '1 day'
                           when 'same_day' then interval '4 hours'
                           else case when t.limit_value = 0 then interval '4 hours' else ceil(t.limit_value * 1.4) * interval '1 day' end
                         end as due_at
    from timed t
), ended as (
  select d.*,
         case when d.status in ('resolved', 'returned') then
           greatest(d.received_at + interval '10 minutes', least($4::timestamptz - interval '2 hours',
             d.received_at + (d.due_at - d.received_at) * (case when d.u_d < 0.94 then 0.15 + 0.85 * d.u_e else 1 + 0.6 * d.u_e end)))
         end as resolved_at,
         least($4::timestamptz - interval '1 hour', d.received_at + (d.due_at - d.received_at) * 0.3) as step_at
    from due d
), numbered as (
  select e.*,
         row_number() over (partition by e.unit_id, e.day order by e.submitted_at, e.i) as seq,
         case when e.status = 'returned' then least($4::timestamptz - interval '1 hour', e.resolved_at + e.u_b * interval '3 days') end as returned_at,
         case e.status when 'received' then 'reception' when 'pending_approval' then 'approval' when 'approved' then 'issue'
                       when 'resolved' then 'issue' when 'returned' then 'issue' when 'refused' then null
                       else case when e.u_e < 0.3 and e.status = 'processing' then 'review' else 'processing' end end as step
    from ended e
), final as (
  select n.*,
         n.identifier || '-' || to_char(n.day, 'YYMMDD') || '-' || lpad(n.seq::text, 4, '0') as code,
         case n.status when 'refused' then n.submitted_at + interval '10 minutes' when 'withdrawn' then n.step_at
                       when 'returned' then n.returned_at end as closed_at,
         case when n.status in ('supplement_requested', 'fee_requested') then n.step_at end as paused_at,
         case when n.status in ('received', 'processing', 'pending_approval', 'approved') then n.step_at end as step_started_at,
         ${pick(NAMES.family, 'n.u_f')} || ' ' ||
           case when n.sex = 'm' then ${pick(NAMES.middleMale, 'n.u_g')} || ' ' || ${pick(NAMES.givenMale, 'n.u_h')}
                else ${pick(NAMES.middleFemale, 'n.u_g')} || ' ' || ${pick(NAMES.givenFemale, 'n.u_h')} end as applicant_name
    from numbered n
), ins as (
  insert into dossiers (code, unit_id, handling_unit_id, procedure_id, procedure_version_id, workflow_id, channel, status,
                        national_status, step, outcome, applicant_kind, applicant_name, applicant_id_number, applicant_phone,
                        subject, sets_count, result_delivery, limit_value, limit_unit, fee_amount, submitted_at, received_at,
                        clock_started_at, due_at, original_due_at, step_started_at, paused_at, signed_at, resolved_at,
                        returned_at, closed_at, receiver_id, assignee_id, revision, created_at, updated_at)
  select f.code, f.unit_id, f.unit_id, f.procedure_id, f.version_id, $3::int, f.channel, f.status,
         case f.status when 'received' then 2 when 'refused' then 3 when 'supplement_requested' then 5 when 'fee_requested' then 6
                       when 'withdrawn' then 7 when 'resolved' then 9 when 'returned' then 10 else 4 end,
         f.step,
         case when f.status = 'refused' then 'refused' when f.status in ('resolved', 'returned') then (case when f.u_a > 0.97 then 'refused' else 'granted' end) end,
         'citizen', f.applicant_name,
         case when f.u_b < 0.92 then '046' || (case when f.sex = 'm' then '0' else '1' end) || lpad((40 + floor(f.u_c * 60))::int::text, 2, '0')
                                     || lpad(floor(f.u_d * 1000000)::int::text, 6, '0') end,
         case when f.u_e < 0.7 then '09' || lpad(floor(f.u_a * 100000000)::int::text, 8, '0') end,
         f.procedure_name, 1, case when f.u_c < 0.05 then 'postal' else 'counter' end,
         f.limit_value, f.limit_unit, f.fee_amount, f.submitted_at, f.received_at,
         f.received_at, f.due_at, f.due_at, f.step_started_at, f.paused_at,
         f.resolved_at, f.resolved_at, f.returned_at, f.closed_at, f.receiver_id,
         case when f.status not in ('received', 'refused') then f.specialist_id end,
         case f.status when 'received' then 1 when 'refused' then 1 when 'processing' then 3 when 'supplement_requested' then 4
                       when 'fee_requested' then 4 when 'withdrawn' then 4 when 'pending_approval' then 5 when 'approved' then 6
                       when 'resolved' then 8 else 9 end,
         f.submitted_at, coalesce(f.closed_at, f.resolved_at, f.paused_at, f.step_started_at, f.received_at, f.submitted_at)
    from final f
   order by f.submitted_at, f.i
  returning id, status, procedure_version_id, submitted_at, receiver_id, channel, paused_at
), components as (
  insert into dossier_components (dossier_id, component_key, name, originals, copies, required, provided)
  select ins.id, c->>'key', c->>'name', coalesce((c->>'originals')::int, 0), coalesce((c->>'copies')::int, 0),
         coalesce((c->>'required')::boolean, true), ins.status <> 'refused'
    from ins join bench_procs bp on bp.version_id = ins.procedure_version_id
         cross join lateral jsonb_array_elements(bp.components) c
  returning 1
), history as (
  -- The first entry of each dossier's history only: see bench/README.md.
  insert into dossier_history (dossier_id, seq, action, actor_id, actor_role, actor_name, at, from_status, to_status, details)
  select ins.id, 1, 'submit', ins.receiver_id, 'receiving_officer', bu.receiver_name, ins.submitted_at, null, 'submitted',
         jsonb_build_object('channel', ins.channel, 'procedureVersion', 1)
    from ins left join bench_units bu on bu.receiver_id = ins.receiver_id
  returning 1
), pauses as (
  insert into dossier_pauses (dossier_id, kind, reason, started_at, details)
  select ins.id,
         case when ins.status = 'fee_requested' then 'fee' else 'supplement' end,
         case when ins.status = 'fee_requested' then 'Chờ nộp phí, lệ phí theo quy định.'
              else 'Hồ sơ thiếu giấy tờ, đề nghị bổ sung theo hướng dẫn.' end,
         ins.paused_at,
         case when ins.status = 'fee_requested' then jsonb_build_object('resumeStatus', 'processing', 'resumeStep', 'processing')
              else jsonb_build_object('resumeStatus', 'processing', 'resumeStep', 'processing', 'missing',
                     jsonb_build_array(jsonb_build_object('name', 'Bản sao giấy tờ tùy thân', 'requirement', 'Bản sao có chứng thực'))) end
    from ins where ins.status in ('supplement_requested', 'fee_requested')
  returning 1
), counters as (
  insert into dossier_code_counters (unit_id, day, last)
  select unit_id, day, max(seq) from numbered group by unit_id, day
  returning 1
)
select (select count(*) from ins)::int as dossiers, (select count(*) from components)::int as components,
       (select count(*) from history)::int as history, (select count(*) from pauses)::int as pauses`;

/**
 * Ratings of about a third of the returned dossiers, a few hours to days after the return; 90 % satisfied.
 * Run after the load, while bench_rand exists. The answers hold the overall level only.
 */
export const INSERT_RATINGS = `
insert into ratings (dossier_id, scale_version, answers, satisfied, comment, channel, rated_at)
select d.id, 'hue-12-3level-v1',
       jsonb_build_object('overall', case when r.u < 0.10 then 'unsatisfied' when r.u < 0.55 then 'satisfied' else 'very_satisfied' end),
       r.u >= 0.10, null, case when bench_rand(d.id, 22) < 0.7 then 'online' else 'kiosk' end,
       least(now() - interval '1 minute', d.returned_at + bench_rand(d.id, 23) * interval '3 days')
  from dossiers d cross join lateral (select bench_rand(d.id, 21) as u) r
 where d.status = 'returned' and d.returned_at is not null and bench_rand(d.id, 20) < 0.33`;

/** The report triggers (010_reports.sql) on the tables the bulk load writes: off during the load, then a rebuild. */
export const REPORT_TRIGGERS = `
select t.tgrelid::regclass::text as "table", t.tgname as name
  from pg_trigger t
 where not t.tgisinternal and t.tgname like 'report\\_%' and t.tgrelid <> 'report_facts'::regclass
 order by 1, 2`;

export const DROP_HELPERS = `
drop table if exists bench_units;
drop table if exists bench_procs;
drop table if exists bench_days;
drop function if exists bench_rand(bigint, integer)`;

const LOADED_TABLES = `('dossiers'::regclass, 'dossier_components'::regclass, 'dossier_history'::regclass,
                       'dossier_pauses'::regclass, 'dossier_code_counters'::regclass)`;

/** Indexes that no constraint owns, on the tables the bulk load writes: dropped before, rebuilt after. */
export const SECONDARY_INDEXES = `
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
  from pg_index i
 where i.indrelid in ${LOADED_TABLES}
   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
 order by 1`;

/**
 * Foreign keys of the tables the bulk load writes: dropped before and added back after, which checks every
 * row in one join instead of one locking lookup per row (as pg_restore does).
 */
export const FOREIGN_KEYS = `
select c.conrelid::regclass::text as "table", c.conname as name, pg_get_constraintdef(c.oid) as definition
  from pg_constraint c
 where c.contype = 'f' and c.conrelid in ${LOADED_TABLES}
 order by 1, 2`;
