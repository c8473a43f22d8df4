-- Feedback (phản ánh, kiến nghị — PAKN): complaints and suggestions from citizens about the procedures and the
-- service, received, assigned, answered within their time limit, and rated by the person who sent them.
-- Decision 766 counts the share answered on time and the senders' satisfaction with the answers.

create table feedback (
  id              bigserial primary key,
  code            text not null unique check (code ~ '^[A-Z0-9.-]{6,40}$'),  -- what the sender looks it up by
  unit_id         integer not null references units(id),
  kind            text not null check (kind in ('complaint', 'suggestion')),
  channel         text not null check (channel in ('online', 'counter', 'phone', 'mail', 'national_portal')),
  dossier_id      bigint references dossiers(id),                            -- the dossier it is about, if any
  subject         text not null check (length(subject) between 3 and 300),
  content         text not null check (length(content) between 10 and 5000),
  sender_name     text not null check (length(sender_name) between 2 and 200),
  sender_phone    text check (sender_phone is null or sender_phone ~ '^0[0-9]{9,10}$'),
  sender_email    text,
  received_at     timestamptz not null,
  due_at          timestamptz not null,
  received_by     integer references accounts(id),                           -- null: sent online
  assignee_id     integer references accounts(id),
  assigned_at     timestamptz,
  answer          text check (answer is null or length(answer) >= 10),
  answered_by     integer references accounts(id),
  answered_at     timestamptz,
  satisfied       boolean,                                                   -- the sender's rating of the answer
  rated_at        timestamptz,
  revision        integer not null default 0,
  check (due_at > received_at),
  check ((answer is null) = (answered_at is null)),
  check (satisfied is null or answered_at is not null),
  check ((satisfied is null) = (rated_at is null))
);
create index feedback_unit_received_idx on feedback(unit_id, received_at);
create index feedback_open_idx on feedback(unit_id, due_at) where answered_at is null;
create index feedback_assignee_idx on feedback(assignee_id) where answered_at is null;
