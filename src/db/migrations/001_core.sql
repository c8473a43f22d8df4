-- MotCua core schema: units, people, catalogue, calendar, dossiers, files, audit, outbox.
-- Valid on PostgreSQL 15+ and on PGlite (PostgreSQL 18). All times are timestamptz (UTC inside).

create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Lower-case, diacritics removed: "Thủ tục Đăng ký" -> "thu tuc dang ky". Declared immutable so it can be
-- indexed; the dictionary is named explicitly, which makes the result independent of search_path.
create or replace function motcua_fold(text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Units: provinces and communes (wards, special zones) with official codes, plus their merge history.
create table units (
  id              serial primary key,
  code            text not null unique,                 -- official GSO code: '46' province, '20122' commune
  kind            text not null check (kind in ('province', 'commune', 'ward', 'special_zone')),
  name            text not null,
  parent_id       integer references units(id),
  identifier      text not null unique,                 -- QCVN 102 identifier used in dossier codes
  identifier_source text not null default 'derived' check (identifier_source in ('derived', 'official')),
  merged_into_id  integer references units(id),
  merged_at       timestamptz,
  office_hours    jsonb,                                -- null: the default week
  created_at      timestamptz not null default now(),
  check (merged_into_id is null or merged_into_id <> id),
  check ((kind = 'province') = (parent_id is null))
);
create index units_parent_idx on units(parent_id);
create index units_merged_into_idx on units(merged_into_id) where merged_into_id is not null;
create index units_name_fold_idx on units using gin (motcua_fold(name) gin_trgm_ops);

-- Offices inside a unit: the service centre and the specialist offices.
create table offices (
  id         serial primary key,
  unit_id    integer not null references units(id),
  code       text not null,
  name       text not null,
  kind       text not null check (kind in ('service_centre', 'office', 'leadership')),
  unique (unit_id, code)
);

-- Accounts and role grants per unit.
create table accounts (
  id            serial primary key,
  username      text not null unique check (username = lower(username) and length(username) between 3 and 64),
  full_name     text not null,
  password_hash text not null,
  email         text,
  phone         text,
  locale        text not null default 'vi' check (locale in ('vi', 'en')),
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);

create table role_grants (
  id          serial primary key,
  account_id  integer not null references accounts(id) on delete cascade,
  role        text not null check (role in ('receiving_officer', 'specialist', 'head_of_office', 'unit_leader',
                                            'clerk', 'centre_admin', 'province_viewer', 'system_admin')),
  unit_id     integer not null references units(id),
  office_id   integer references offices(id),
  granted_at  timestamptz not null default now(),
  unique (account_id, role, unit_id)
);
create index role_grants_unit_idx on role_grants(unit_id, role);

create table sessions (
  token_hash   text primary key,                        -- sha256 of the cookie value; the token itself is never stored
  account_id   integer not null references accounts(id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_account_idx on sessions(account_id);

-- Failed logins per key (username and client address) within a window; see people/throttle.ts.
create table login_throttle (
  key          text primary key,
  failures     integer not null default 0,
  window_start timestamptz not null,
  locked_until timestamptz
);

-- Procedure catalogue, versioned. A dossier points at the version it was received under.
create table procedures (
  id            serial primary key,
  code          text not null unique,                   -- national code, e.g. 1.001193
  created_at    timestamptz not null default now()
);

create table procedure_versions (
  id              serial primary key,
  procedure_id    integer not null references procedures(id),
  version         integer not null check (version > 0),
  effective_from  timestamptz not null,
  effective_to    timestamptz,
  name            text not null,
  field           text not null,
  ministry        text,
  decision        text,
  levels          jsonb not null default '[]',
  applicants      text,
  agency          text,
  channels        jsonb not null,                       -- [{channel, timeLimit{value,unit,text,unitSetBy}, fee{amount,currency,text}, description}]
  components      jsonb not null,                       -- [{key, name, form, originals, copies, note, required}]
  component_notes jsonb not null default '[]',
  results         jsonb not null default '[]',
  legal_basis     jsonb not null default '[]',
  steps           text,
  requirements    text,
  online_level    text not null default 'partial' check (online_level in ('full', 'partial', 'none')),
  source          text,
  change_note     text,
  created_by      integer references accounts(id),
  created_at      timestamptz not null default now(),
  unique (procedure_id, version),
  check (effective_to is null or effective_to > effective_from)
);
create index procedure_versions_name_fold_idx on procedure_versions using gin (motcua_fold(name) gin_trgm_ops);
create index procedure_versions_current_idx on procedure_versions(procedure_id, effective_from desc);

-- Workflows: steps, roles, time per step. procedure_id null = the default; unit_id null = every unit.
create table workflows (
  id            serial primary key,
  procedure_id  integer references procedures(id),
  unit_id       integer references units(id),
  version       integer not null default 1,
  definition    jsonb not null,
  active        boolean not null default true,
  created_by    integer references accounts(id),
  created_at    timestamptz not null default now()
);
create unique index workflows_active_uq on workflows (coalesce(procedure_id, 0), coalesce(unit_id, 0)) where active;

-- Working calendar: national days (unit_id null) and a unit's own, entered per year.
create table calendar_days (
  id        serial primary key,
  unit_id   integer references units(id),
  date      date not null,
  kind      text not null check (kind in ('holiday', 'day_off_in_lieu', 'day_off', 'working_day')),
  name      text not null,
  name_en   text,
  source    text
);
create unique index calendar_days_uq on calendar_days (coalesce(unit_id, 0), date);

-- Stored files (uploads, scans, results). Kept in the database so a backup and a transaction cover them.
create table files (
  id          uuid primary key,
  sha256      text not null,
  mime        text not null check (mime in ('application/pdf', 'image/jpeg', 'image/png')),
  size        integer not null check (size > 0),
  name        text not null,
  content     bytea not null,
  uploaded_by integer references accounts(id),
  created_at  timestamptz not null default now()
);

-- Dossiers.
create table dossiers (
  id                   bigserial primary key,
  code                 text not null unique,
  unit_id              integer not null references units(id),       -- the receiving unit, kept after merges
  handling_unit_id     integer not null references units(id),       -- where it is now (transfers)
  procedure_id         integer not null references procedures(id),
  procedure_version_id integer not null references procedure_versions(id),
  workflow_id          integer not null references workflows(id),
  channel              text not null check (channel in ('counter', 'online', 'postal')),
  status               text not null,
  national_status      smallint not null check (national_status between 1 and 10),
  step                 text,
  assignee_id          integer references accounts(id),
  outcome              text check (outcome in ('granted', 'refused')),
  applicant_kind       text not null default 'citizen' check (applicant_kind in ('citizen', 'organisation')),
  applicant_name       text not null,
  applicant_id_number  text,
  applicant_phone      text,
  applicant_email      text,
  applicant_address    text,
  subject              text,
  sets_count           integer not null default 1 check (sets_count > 0),
  result_delivery      text not null default 'counter' check (result_delivery in ('counter', 'postal', 'online')),
  limit_value          integer not null check (limit_value >= 0),
  limit_unit           text not null check (limit_unit in ('working_day', 'day', 'hour', 'same_day')),
  fee_amount           bigint,
  submitted_at         timestamptz not null,
  received_at          timestamptz,                    -- the valid receipt; null until received
  clock_started_at     timestamptz,                    -- receipt, or the supplement that restarted the limit
  due_at               timestamptz,
  original_due_at      timestamptz,
  step_started_at      timestamptz,                    -- when the current step's running segment began
  step_spent_minutes   integer not null default 0,     -- working minutes already spent in the step before a pause
  paused_at            timestamptz,
  signed_at            timestamptz,
  resolved_at          timestamptz,
  returned_at          timestamptz,
  closed_at            timestamptz,
  receiver_id          integer references accounts(id),
  is_practice          boolean not null default false,
  revision             integer not null default 0,      -- bumped on each action: optimistic concurrency
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  check (due_at is null or received_at is not null),
  check (applicant_id_number is null or applicant_id_number ~ '^[0-9]{12}$')
);
create index dossiers_unit_received_idx on dossiers(unit_id, received_at);
create index dossiers_handling_status_idx on dossiers(handling_unit_id, status);
create index dossiers_assignee_idx on dossiers(assignee_id) where closed_at is null;
create index dossiers_due_open_idx on dossiers(handling_unit_id, due_at) where closed_at is null;
create index dossiers_applicant_id_idx on dossiers(applicant_id_number) where applicant_id_number is not null;
create index dossiers_applicant_name_fold_idx on dossiers using gin (motcua_fold(applicant_name) gin_trgm_ops);

-- Codes are consecutive per unit and day: the counter row is locked until the intake commits.
create table dossier_code_counters (
  unit_id  integer not null references units(id),
  day      date not null,
  last     integer not null,
  primary key (unit_id, day)
);

create table dossier_components (
  dossier_id    bigint not null references dossiers(id),
  component_key text not null,
  name          text not null,
  originals     integer not null default 0,
  copies        integer not null default 0,
  required      boolean not null,
  provided      boolean not null default false,
  primary key (dossier_id, component_key)
);

create table dossier_files (
  id            bigserial primary key,
  dossier_id    bigint not null references dossiers(id),
  file_id       uuid not null references files(id),
  component_key text,
  kind          text not null check (kind in ('component', 'supplement', 'draft_result', 'result', 'form')),
  added_by      integer references accounts(id),
  added_at      timestamptz not null default now()
);
create index dossier_files_dossier_idx on dossier_files(dossier_id);

-- Append-only history: who, role, when, from, to, note, time spent against time allotted.
create table dossier_history (
  id                bigserial primary key,
  dossier_id        bigint not null references dossiers(id),
  seq               integer not null,
  action            text not null,
  actor_id          integer references accounts(id),
  actor_role        text,
  actor_name        text,
  at                timestamptz not null,
  from_status       text,
  to_status         text not null,
  from_step         text,
  to_step           text,
  note              text,
  details           jsonb not null default '{}',
  spent_minutes     integer,
  allotted_minutes  integer,
  timeliness        text check (timeliness in ('early', 'on_time', 'late')),
  unique (dossier_id, seq)
);

-- Pauses stop the clock: supplement, fee, stop. Each keeps its reason.
create table dossier_pauses (
  id          bigserial primary key,
  dossier_id  bigint not null references dossiers(id),
  kind        text not null check (kind in ('supplement', 'fee', 'stop')),
  reason      text not null check (length(reason) > 0),
  started_at  timestamptz not null,
  ended_at    timestamptz,
  details     jsonb not null default '{}',
  check (ended_at is null or ended_at >= started_at)
);
create unique index dossier_pauses_open_uq on dossier_pauses(dossier_id) where ended_at is null;

create table dossier_consultations (
  id          bigserial primary key,
  dossier_id  bigint not null references dossiers(id),
  office_id   integer not null references offices(id),
  question    text not null,
  asked_by    integer references accounts(id),
  asked_at    timestamptz not null,
  due_at      timestamptz not null,
  answer      text,
  answered_by integer references accounts(id),
  answered_at timestamptz
);

create table dossier_transfers (
  id               bigserial primary key,
  dossier_id       bigint not null references dossiers(id),
  from_unit_id     integer not null references units(id),
  to_unit_id       integer not null references units(id),
  reason           text not null,
  sent_at          timestamptz not null,
  due_at           timestamptz,
  returned_at      timestamptz,
  result_note      text,
  check (from_unit_id <> to_unit_id)
);
create unique index dossier_transfers_open_uq on dossier_transfers(dossier_id) where returned_at is null;

-- The due date may be re-set once: the unique key makes a second extension impossible.
create table dossier_extensions (
  dossier_id      bigint primary key references dossiers(id),
  previous_due_at timestamptz not null,
  new_due_at      timestamptz not null,
  reason          text not null check (length(reason) > 0),
  extended_by     integer references accounts(id),
  extended_at     timestamptz not null,
  check (new_due_at > previous_due_at)
);

create table dossier_fees (
  id           bigserial primary key,
  dossier_id   bigint not null references dossiers(id),
  amount       bigint not null check (amount >= 0),
  description  text not null,
  requested_at timestamptz not null,
  paid_at      timestamptz,
  receipt_no   text,
  method       text
);

-- Idempotency: a retried create returns the first answer.
create table idempotency_keys (
  scope         text not null,                          -- 'account:<id>' or 'public:<addr>'
  key           text not null,
  request_hash  text not null,
  status_code   integer,
  response      jsonb,
  created_at    timestamptz not null default now(),
  primary key (scope, key)
);

-- Audit: hash-chained per chain (one chain per unit, 'system' for the rest). Never updated.
create table audit_heads (
  chain      text primary key,
  last_seq   bigint not null,
  last_hash  text not null
);

create table audit_log (
  id          bigserial primary key,
  chain       text not null,
  seq         bigint not null,
  at          timestamptz not null,
  actor_id    integer,
  actor_role  text,
  action      text not null,
  entity      text not null,
  entity_id   text not null,
  details     jsonb not null default '{}',
  prev_hash   text not null,
  hash        text not null,
  unique (chain, seq)
);

-- Events other systems must hear, written in the same transaction as the change.
create table outbox (
  id           bigserial primary key,
  topic        text not null,
  dossier_id   bigint references dossiers(id),
  payload      jsonb not null,
  created_at   timestamptz not null default now(),
  delivered_at timestamptz
);
create index outbox_pending_idx on outbox(id) where delivered_at is null;

-- History and audit rows are append-only: the database refuses to change or delete them.
create or replace function motcua_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'append-only table %: % refused', tg_table_name, tg_op using errcode = 'P0001';
end $$;
create trigger dossier_history_append_only before update or delete on dossier_history
  for each row execute function motcua_append_only();
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function motcua_append_only();
