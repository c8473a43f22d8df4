-- Staff capacity: job positions with their competency frameworks, officials' held levels and the evidence for
-- them, certificates, training (programmes, classes, attendance, tests, yearly plans), practice mode, the
-- ledger of evidence from real work, workload decisions and the Decree 335/2025 appraisal feed.
-- Valid on PostgreSQL 15+ and on PGlite (PostgreSQL 18).

-- Competencies: the national list (unit_id null) plus a unit's own. A professional field's competency names
-- the catalogue's field exactly (procedure_versions.field), which links it to dossiers.
create table competencies (
  id          serial primary key,
  unit_id     integer references units(id),
  code        text not null check (code ~ '^[a-z0-9][a-z0-9_.-]{1,60}$'),
  kind        text not null check (kind in ('field', 'digital', 'communication', 'management')),
  field       text,                                   -- kind 'field': the catalogue's field name
  name_vi     text not null check (length(name_vi) between 2 and 200),
  name_en     text not null check (length(name_en) between 2 and 200),
  description text,
  -- What each level 1–4 means for this competency: [{level, vi, en}]; empty = the generic scale.
  levels      jsonb not null default '[]',
  sort        integer not null default 0,
  active      boolean not null default true,
  check ((kind = 'field') = (field is not null))
);
create unique index competencies_code_uq on competencies(coalesce(unit_id, 0), code);
create unique index competencies_field_uq on competencies(coalesce(unit_id, 0), field) where field is not null;

-- Job positions (vị trí việc làm) of a unit, in three groups, each with a job description.
create table job_positions (
  id          serial primary key,
  unit_id     integer not null references units(id),
  office_id   integer references offices(id),
  code        text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$'),
  grp         text not null check (grp in ('leadership', 'professional', 'support')),
  name        text not null check (length(name) between 2 and 200),
  description text not null default '',                -- the job description (bản mô tả công việc)
  duties      jsonb not null default '[]',             -- ["…", …] the main tasks, one line each
  headcount   integer not null default 1 check (headcount between 0 and 100),
  active      boolean not null default true,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (unit_id, code)
);

-- The competency framework (khung năng lực) of a position: each competency with its required level 1–4.
create table position_requirements (
  position_id    integer not null references job_positions(id) on delete cascade,
  competency_id  integer not null references competencies(id),
  required_level smallint not null check (required_level between 1 and 4),
  primary key (position_id, competency_id)
);

-- Who holds which position, with history: an assignment ends, a new one starts; never overwritten.
create table position_assignments (
  id          serial primary key,
  account_id  integer not null references accounts(id),
  position_id integer not null references job_positions(id),
  started_on  date not null,
  ended_on    date,
  note        text,
  decided_by  integer references accounts(id),
  created_at  timestamptz not null default now(),
  check (ended_on is null or ended_on >= started_on)
);
create unique index position_assignments_open_uq on position_assignments(account_id) where ended_on is null;
create index position_assignments_position_idx on position_assignments(position_id);

-- Held levels: every assessment is kept (append-only); an official's held level for a competency is the
-- latest row. A suggestion from evidence keeps the suggested level beside the level the leader decided.
create table competency_assessments (
  id              bigserial primary key,
  account_id      integer not null references accounts(id),
  unit_id         integer not null references units(id),
  competency_id   integer not null references competencies(id),
  level           smallint not null check (level between 0 and 4),
  -- self: the official's own; leader: set by a leader; training: a class's certificate; practice: a practice
  -- score; evidence: a leader's decision on a suggestion from work (decision says confirmed or overridden);
  -- import: brought in (e.g. a Bình dân học vụ số certificate).
  source          text not null check (source in ('self', 'leader', 'training', 'practice', 'evidence', 'import')),
  suggested_level smallint check (suggested_level between 0 and 4),
  decision        text check (decision in ('confirmed', 'overridden')),
  period_from     date,
  period_to       date,
  evidence        jsonb not null default '{}',         -- the figures behind it (volume, on-time rate, …) or refs
  note            text,
  assessed_by     integer references accounts(id),
  assessed_at     timestamptz not null,
  check ((source = 'evidence') = (decision is not null))
);
create index competency_assessments_latest_idx on competency_assessments(account_id, competency_id, assessed_at desc, id desc);
create index competency_assessments_unit_idx on competency_assessments(unit_id);

-- Certificates an official holds: issued by MotCua for a class (class_id set) or recorded from elsewhere.
create table certificates (
  id                bigserial primary key,
  account_id        integer not null references accounts(id),
  unit_id           integer not null references units(id),
  kind              text not null check (kind in ('it_basic', 'digital_skills', 'state_management', 'digital_signature', 'training', 'professional', 'other')),
  name              text not null check (length(name) between 2 and 300),
  issuer            text not null check (length(issuer) between 2 and 300),
  issued_on         date not null,
  expires_on        date,
  verification_code text,
  competency_id     integer references competencies(id),
  level             smallint check (level between 1 and 4),
  class_id          integer,                            -- references training_classes(id), below
  file_id           uuid references files(id),
  created_by        integer references accounts(id),
  created_at        timestamptz not null default now(),
  revoked_at        timestamptz,
  check (expires_on is null or expires_on >= issued_on)
);
create index certificates_account_idx on certificates(account_id);
create index certificates_expiry_idx on certificates(unit_id, expires_on) where expires_on is not null and revoked_at is null;
create unique index certificates_code_uq on certificates(verification_code) where verification_code is not null;

-- Training programmes (what is taught) and classes (one run of a programme).
create table training_programmes (
  id           serial primary key,
  unit_id      integer references units(id),           -- null: offered to every unit (e.g. by the province)
  code         text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$'),
  name         text not null check (length(name) between 2 and 300),
  description  text not null default '',
  -- Decree 171/2025 content groups.
  content_group text not null check (content_group in ('political', 'state_management', 'professional', 'digital', 'other')),
  hours        numeric(6,1) not null check (hours > 0 and hours <= 2000),
  certificate_valid_months integer check (certificate_valid_months between 1 and 240),
  active       boolean not null default true,
  created_at   timestamptz not null default now()
);
create unique index training_programmes_code_uq on training_programmes(coalesce(unit_id, 0), code);

-- The competencies a programme raises, and to which level a passed class brings them.
create table programme_competencies (
  programme_id  integer not null references training_programmes(id) on delete cascade,
  competency_id integer not null references competencies(id),
  level         smallint not null check (level between 1 and 4),
  primary key (programme_id, competency_id)
);

create table training_classes (
  id           serial primary key,
  programme_id integer not null references training_programmes(id),
  unit_id      integer not null references units(id),   -- the organising unit
  code         text not null,
  name         text not null check (length(name) between 2 and 300),
  starts_on    date not null,
  ends_on      date not null,
  trainer      text not null check (length(trainer) between 2 and 200),
  place        text,
  online       boolean not null default false,
  capacity     integer check (capacity between 1 and 1000),
  status       text not null default 'planned' check (status in ('planned', 'running', 'closed', 'cancelled')),
  closed_at    timestamptz,
  created_by   integer references accounts(id),
  created_at   timestamptz not null default now(),
  check (ends_on >= starts_on),
  check (online or place is not null),
  unique (unit_id, code)
);
alter table certificates add constraint certificates_class_fk foreign key (class_id) references training_classes(id);

-- A class's sessions (attendance is taken per session) and tests (scored out of 10).
create table class_sessions (
  id        serial primary key,
  class_id  integer not null references training_classes(id) on delete cascade,
  seq       integer not null check (seq > 0),
  held_on   date not null,
  hours     numeric(5,1) not null check (hours > 0 and hours <= 24),
  topic     text,
  unique (class_id, seq)
);

create table class_tests (
  id        serial primary key,
  class_id  integer not null references training_classes(id) on delete cascade,
  seq       integer not null check (seq > 0),
  name      text not null,
  held_on   date,
  unique (class_id, seq)
);

create table enrolments (
  class_id     integer not null references training_classes(id) on delete cascade,
  account_id   integer not null references accounts(id),
  enrolled_at  timestamptz not null,
  enrolled_by  integer references accounts(id),
  -- enrolled until the class closes; then passed (certificate issued) or not_passed (the reason kept).
  status       text not null default 'enrolled' check (status in ('enrolled', 'withdrawn', 'passed', 'not_passed')),
  result_note  text,
  certificate_id bigint references certificates(id),
  primary key (class_id, account_id)
);
create index enrolments_account_idx on enrolments(account_id);

create table attendance (
  session_id  integer not null references class_sessions(id) on delete cascade,
  account_id  integer not null references accounts(id),
  present     boolean not null,
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null,
  primary key (session_id, account_id)
);

create table test_scores (
  test_id     integer not null references class_tests(id) on delete cascade,
  account_id  integer not null references accounts(id),
  score       numeric(4,2) not null check (score >= 0 and score <= 10),
  recorded_by integer references accounts(id),
  recorded_at timestamptz not null,
  primary key (test_id, account_id)
);

-- The yearly training plan of a unit: drafted from the gaps, then edited and approved by an admin.
create table training_plans (
  id          serial primary key,
  unit_id     integer not null references units(id),
  year        integer not null check (year between 2020 and 2100),
  status      text not null default 'draft' check (status in ('draft', 'approved')),
  drafted_at  timestamptz not null,
  approved_by integer references accounts(id),
  approved_at timestamptz,
  note        text,
  unique (unit_id, year)
);

create table training_plan_items (
  id             serial primary key,
  plan_id        integer not null references training_plans(id) on delete cascade,
  account_id     integer not null references accounts(id),
  competency_id  integer references competencies(id),
  programme_id   integer references training_programmes(id),
  held_level     smallint check (held_level between 0 and 4),
  required_level smallint check (required_level between 1 and 4),
  quarter        smallint check (quarter between 1 and 4),
  hours          numeric(6,1),
  -- gap: drafted from a gap; added: an admin added it; the admin may drop a drafted line (kept, marked).
  origin         text not null check (origin in ('gap', 'added')),
  status         text not null default 'planned' check (status in ('planned', 'dropped', 'done')),
  note           text,
  edited_by      integer references accounts(id),
  edited_at      timestamptz
);
create index training_plan_items_plan_idx on training_plan_items(plan_id);

-- Practice mode: scenarios per procedure with planted problems and the expected answer, and attempts.
create table practice_scenarios (
  id            serial primary key,
  procedure_id  integer not null references procedures(id),
  code          text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{1,60}$'),
  title_vi      text not null,
  title_en      text not null,
  brief_vi      text not null,                        -- what the official is told at the start
  brief_en      text not null,
  level         smallint not null default 1 check (level between 1 and 4),
  -- The dossier as it arrives: applicant, components provided (as copy or original), fee declared, when.
  dossier       jsonb not null,
  -- [{kind: missing_component|wrong_fee|due_across_tet|needs_original, componentKey?, …}]
  planted       jsonb not null default '[]',
  -- {decision: receive|request_supplement|refuse, missing: [componentKey], originals: [componentKey], fee, dueDate}
  expected      jsonb not null,
  -- Guidance shown step by step beside the real screens: [{step, vi, en}]
  guidance      jsonb not null default '[]',
  time_target_minutes integer not null default 10 check (time_target_minutes between 1 and 240),
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);

create table practice_attempts (
  id           bigserial primary key,
  scenario_id  integer not null references practice_scenarios(id),
  account_id   integer not null references accounts(id),
  unit_id      integer not null references units(id),
  dossier_id   bigint references dossiers(id),        -- the practice dossier (is_practice) of this attempt
  started_at   timestamptz not null,
  finished_at  timestamptz,
  answers      jsonb not null default '{}',           -- what the official said beside the real actions
  decision     text,
  score        numeric(5,1) check (score between 0 and 100),
  breakdown    jsonb,                                 -- [{item, points, max, vi, en}]
  check ((finished_at is null) = (score is null))
);
create index practice_attempts_account_idx on practice_attempts(account_id, started_at desc);

-- Conversion coefficients (hệ số quy đổi) per procedure for workload and the appraisal feed. unit_id null:
-- the default for every unit. A procedure without a row counts by its time limit (see capacity/weights.ts).
create table procedure_weights (
  id           serial primary key,
  unit_id      integer references units(id),
  procedure_id integer not null references procedures(id),
  weight       numeric(5,2) not null check (weight > 0 and weight <= 50),
  updated_by   integer references accounts(id),
  updated_at   timestamptz not null default now()
);
create unique index procedure_weights_uq on procedure_weights(coalesce(unit_id, 0), procedure_id);

-- A leader's decision on a suggested (or their own) reassignment of a dossier between officials.
create table reassignment_decisions (
  id             bigserial primary key,
  unit_id        integer not null references units(id),
  dossier_id     bigint not null references dossiers(id),
  from_account_id integer references accounts(id),
  to_account_id  integer references accounts(id),
  suggested      boolean not null,                    -- it came from MotCua's suggestion
  decision       text not null check (decision in ('accepted', 'rejected')),
  reason         text,
  decided_by     integer not null references accounts(id),
  decided_at     timestamptz not null,
  suggestion     jsonb not null default '{}'          -- the figures the suggestion showed
);
create index reassignment_decisions_unit_idx on reassignment_decisions(unit_id, decided_at desc);

-- Objective causes (Decree 335/2025): a late or returned dossier a leader confirms was not the official's fault
-- is left out of that official's timeliness and quality.
create table appraisal_exemptions (
  id          bigserial primary key,
  dossier_id  bigint not null references dossiers(id),
  account_id  integer not null references accounts(id),
  reason      text not null check (length(reason) >= 3),
  confirmed_by integer not null references accounts(id),
  confirmed_at timestamptz not null,
  unique (dossier_id, account_id)
);

create index if not exists dossier_history_actor_idx on dossier_history(actor_id, at) where actor_id is not null;

-- The evidence ledger: one row for each action an official took on a real dossier, with the dossier's field
-- and procedure, the official's role, the time spent against the time allotted, and what came of it. Defined
-- once as a view over the append-only history, so it can never disagree with it.
--   submitted:  this action handed the official's work on to review or approval (a specialist or head of
--               office forwarding or submitting it), the actions the send-back rate counts;
--   sent_back:  such a submission whose next decision by the leader (approve or send_back) was a send_back;
--   supplement: this action asked the applicant for a supplement;
--   late:       this step was finished after its allotted time;
--   satisfied:  the applicant's overall rating of the dossier (null until rated).
create view evidence_ledger as
select h.id                                  as history_id,
       h.dossier_id,
       d.code                                as dossier_code,
       d.handling_unit_id                    as unit_id,
       h.actor_id                            as account_id,
       h.actor_role                          as role,
       h.action,
       h.at,
       d.procedure_id,
       v.field,
       h.spent_minutes,
       h.allotted_minutes,
       h.timeliness,
       s.submitted,
       (s.submitted and (
          select n.action from dossier_history n
          where n.dossier_id = h.dossier_id and n.seq > h.seq and n.action in ('approve', 'send_back')
          order by n.seq limit 1) = 'send_back')                  as sent_back,
       (h.action = 'request_supplement')     as supplement,
       (h.timeliness = 'late')               as late,
       r.satisfied
from dossier_history h
cross join lateral (select h.action in ('forward', 'submit_for_approval')
                           and h.actor_role in ('specialist', 'head_of_office') as submitted) s
join dossiers d on d.id = h.dossier_id and not d.is_practice
join procedure_versions v on v.id = d.procedure_version_id
left join ratings r on r.dossier_id = h.dossier_id
where h.actor_id is not null;

