-- Population data at the counter: what the national population database (CSDL quốc gia về dân cư) answered and
-- to whom, where each datum of a dossier came from, and documents reused from an applicant's earlier dossiers.

-- Each successful lookup, kept as the national system answered it: the proof behind a "population_database"
-- source. Who looked whom up, and when, is itself a record of access to personal data.
create table population_lookups (
  id          uuid primary key,
  account_id  integer not null references accounts(id),
  id_number   text not null check (id_number ~ '^[0-9]{12}$'),
  fetched_at  timestamptz not null,
  data        jsonb not null
);
create index population_lookups_account_idx on population_lookups(account_id, fetched_at);

-- Where a dossier's datum came from, one row per field (e.g. 'applicant.name', 'components.c1-7d4524').
create table dossier_data_sources (
  dossier_id  bigint not null references dossiers(id),
  field       text not null,
  source      text not null check (source in ('population_database', 'entered', 'reused_document', 'national_portal', 'online_form')),
  -- The lookup's id for population_database, the earlier dossier's code for reused_document.
  reference   text,
  recorded_at timestamptz not null,
  primary key (dossier_id, field),
  check (source not in ('population_database', 'reused_document') or reference is not null)
);

-- A component's file linked from an earlier dossier of the same person, rather than scanned again.
alter table dossier_files add column reused_from_dossier_id bigint references dossiers(id);
alter table dossier_files add constraint dossier_files_reuse_kind check (reused_from_dossier_id is null or kind = 'component');
-- Checking that a reused file belongs to one of the applicant's earlier dossiers starts from the file.
create index dossier_files_file_idx on dossier_files(file_id);
