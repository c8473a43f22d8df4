-- The national portal (Cổng Dịch vụ công quốc gia): which dossiers it already has and the last status it got
-- (Decision 766 counts synced dossiers), the dossiers citizens submitted there and MotCua took in, and a log of
-- the pulls and catalogue syncs an admin reads.

-- Where a dossier came from when MotCua did not receive it itself; null: MotCua's counter or its own portal.
alter table dossiers add column source text check (source is null or source ~ '^[a-z][a-z_]{1,39}$');

create table national_portal_sync (
  dossier_id           bigint primary key references dossiers(id),
  first_synced_at      timestamptz not null,
  last_synced_at       timestamptz not null,
  last_national_status smallint not null check (last_national_status between 1 and 10),
  last_event_id        bigint not null references outbox(id),
  check (last_synced_at >= first_synced_at)
);
create index national_portal_sync_first_idx on national_portal_sync(first_synced_at);

-- Written in the same transaction as the dossier: a submission pulled twice becomes one dossier.
create table national_portal_inbound (
  portal_submission_id text primary key check (length(portal_submission_id) between 1 and 100),
  dossier_id           bigint not null unique references dossiers(id),
  unit_id              integer not null references units(id),
  received_at          timestamptz not null,
  acked_at             timestamptz                   -- null: the portal has not yet been told the dossier code
);
create index national_portal_inbound_unacked_idx on national_portal_inbound(received_at) where acked_at is null;

create table national_portal_runs (
  id          bigserial primary key,
  kind        text not null check (kind in ('pull', 'catalogue')),
  started_at  timestamptz not null,
  finished_at timestamptz not null,
  ok          boolean not null,
  report      jsonb not null default '{}',
  error       text,
  actor_id    integer references accounts(id),
  check (finished_at >= started_at),
  check (ok or error is not null)
);
create index national_portal_runs_kind_idx on national_portal_runs(kind, id desc);
