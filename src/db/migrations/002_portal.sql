-- Citizens' portal: files uploaded without an account carry a token only their uploader knows, and each
-- dossier can be rated once, with the raw answer to every criterion and the scale it was asked on.

alter table files add column upload_token_hash text;

create table ratings (
  dossier_id    bigint primary key references dossiers(id),
  scale_version text not null,
  answers       jsonb not null,                       -- { criterionKey: level }
  satisfied     boolean not null,                     -- the overall answer is "very satisfied" or "satisfied"
  comment       text,
  channel       text not null check (channel in ('online', 'kiosk', 'paper')),
  rated_at      timestamptz not null
);
