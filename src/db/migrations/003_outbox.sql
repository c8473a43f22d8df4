-- The outbox's events are routed once to each subscriber that wants them (the national portal, notifications,
-- other MotCua instances). Each (event, subscriber) pair is a delivery with its own attempts, so one slow
-- receiver never holds back another, and deliveries with the same ordering key go out one at a time, in order.

alter table outbox rename column delivered_at to routed_at;
drop index outbox_pending_idx;
create index outbox_unrouted_idx on outbox(id) where routed_at is null;

create table deliveries (
  id              bigserial primary key,
  event_id        bigint not null references outbox(id),
  subscriber      text not null,
  ordering_key    text,                                  -- e.g. 'dossier:42'; null: no order to keep
  state           text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null,
  leased_until    timestamptz,                           -- a dispatcher is sending it; others keep off until then
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz not null default now(),
  unique (event_id, subscriber),
  check (state <> 'delivered' or delivered_at is not null),
  check (state <> 'failed' or last_error is not null)
);
create index deliveries_due_idx on deliveries(next_attempt_at, id) where state = 'pending';
create index deliveries_open_key_idx on deliveries(subscriber, ordering_key, id) where state <> 'delivered';
create index deliveries_failed_idx on deliveries(subscriber, id) where state = 'failed';

-- Every try, kept: the failures' reasons stay readable after a later success.
create table delivery_attempts (
  id          bigserial primary key,
  delivery_id bigint not null references deliveries(id),
  at          timestamptz not null,
  ok          boolean not null,
  error       text,
  duration_ms integer not null check (duration_ms >= 0)
);
create index delivery_attempts_delivery_idx on delivery_attempts(delivery_id, id);

-- This installation's own settings, e.g. its identity in idempotency keys and signed requests.
create table instance_settings (
  key        text primary key,
  value      jsonb not null,
  updated_at timestamptz not null default now()
);
insert into instance_settings (key, value) values ('instance_id', to_jsonb(gen_random_uuid()::text));
