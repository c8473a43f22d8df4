-- Notifications to the applicant (e-mail and SMS) when a dossier is received, needs a supplement or a fee, has its
-- result, is extended with an apology (Mẫu 04), or is returned (an invitation to rate). One row per outbox event
-- and channel: the row is committed as 'sending' before the message leaves, so a redelivered event finds it and
-- does not send twice, and a row left 'sending' by a crash is sent again with the same Message-ID / key.

create table notifications (
  id                  bigserial primary key,
  dossier_id          bigint not null references dossiers(id),
  event_id            bigint not null references outbox(id),
  event               text not null check (event in ('received', 'supplement_requested', 'fee_requested', 'result_ready', 'extended', 'rating_invitation')),
  channel             text not null check (channel in ('email', 'sms')),
  recipient           text not null,
  subject             text,
  body                text not null,
  state               text not null default 'sending' check (state in ('sending', 'sent', 'failed')),
  provider_message_id text,
  error               text,                                   -- the last failure, personal data removed
  created_at          timestamptz not null,
  sent_at             timestamptz,
  unique (event_id, channel),
  check (state <> 'sent' or sent_at is not null),
  check (state <> 'failed' or error is not null)
);
create index notifications_dossier_idx on notifications(dossier_id, id);

-- A unit's own wording of a notification; without one the defaults in code apply.
create table notification_templates (
  unit_id    integer not null references units(id),
  event      text not null check (event in ('received', 'supplement_requested', 'fee_requested', 'result_ready', 'extended', 'rating_invitation')),
  channel    text not null check (channel in ('email', 'sms')),
  subject    text,
  body       text not null check (length(body) between 1 and 5000),
  updated_by integer references accounts(id),
  updated_at timestamptz not null,
  primary key (unit_id, event, channel),
  check ((channel = 'email') = (subject is not null))
);
