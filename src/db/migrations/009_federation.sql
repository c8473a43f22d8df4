-- Transfers (liên thông) between MotCua instances: the peers this instance trusts (each with its Ed25519
-- public key and the official unit codes it hosts), the nonces of signed requests seen lately (a replayed
-- request is refused), and what went out to a peer and came in from one. This instance's own key pair is kept
-- in instance_settings under 'federation_key', made on first use.

create table federation_peers (
  id          serial primary key,
  name        text not null check (length(name) between 2 and 200),
  base_url    text not null check (base_url ~ '^https?://[^/?#]+(/[^?#]*)?$' and base_url !~ '/$'),
  instance_id text unique,                       -- learned from its first signed package; null until then
  public_key  text not null,                     -- base64 of the Ed25519 key's SPKI DER
  key_id      text not null unique check (key_id ~ '^[0-9a-f]{32}$'),  -- names the key in signed requests
  unit_codes  text[] not null check (
                cardinality(unit_codes) between 1 and 5000
                and array_to_string(unit_codes, ',') ~ '^[0-9]{2}([0-9]{3})?(,[0-9]{2}([0-9]{3})?)*$'),
  active      boolean not null default true,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index federation_peers_units_idx on federation_peers using gin (unit_codes) where active;

-- A signed request's nonce is remembered for longer than the ±5 minute window its timestamp must fall in.
create table federation_nonces (
  key_id  text not null,
  nonce   text not null check (length(nonce) between 16 and 100),
  seen_at timestamptz not null,
  primary key (key_id, nonce)
);
create index federation_nonces_seen_idx on federation_nonces(seen_at);

-- A transfer to a unit hosted by a peer: the dossier leaves this system, so the target is named by the peer
-- and its unit code. to_unit_id stays set when this instance's unit directory knows the code (reports by unit
-- keep working) and is null for a unit only the peer knows (e.g. a provincial department).
alter table dossier_transfers alter column to_unit_id drop not null;
alter table dossier_transfers add column remote_peer_id integer references federation_peers(id);
alter table dossier_transfers add column remote_unit_code text check (remote_unit_code ~ '^[0-9]{2}([0-9]{3})?$');
alter table dossier_transfers add column remote_unit_name text;
alter table dossier_transfers add constraint dossier_transfers_remote_ck check ((remote_peer_id is null) = (remote_unit_code is null));
alter table dossier_transfers add constraint dossier_transfers_target_ck check (to_unit_id is not null or remote_peer_id is not null);
create index dossier_transfers_remote_idx on dossier_transfers(remote_peer_id, id) where remote_peer_id is not null;

-- The peer's answers about a transfer we sent: accepted (with its dossier code there) or refused (with its
-- reason), then the result that came back.
create table federation_outbound (
  transfer_id         bigint primary key references dossier_transfers(id),
  peer_id             integer not null references federation_peers(id),
  state               text not null check (state in ('accepted', 'refused', 'returned')),
  remote_dossier_code text,
  remote_status       text,
  refusal             jsonb,                     -- { vi, en }: the peer's reason
  answered_at         timestamptz not null,
  result_outcome      text check (result_outcome in ('granted', 'refused')),
  result_note         text,
  result_at           timestamptz,               -- when the peer reached its result
  result_received_at  timestamptz,
  check (state <> 'refused' or refusal is not null),
  check (state <> 'returned' or result_received_at is not null)
);

-- Dossiers a peer transferred to us, written in the same transaction as the dossier: a package sent twice
-- becomes one dossier.
create table federation_inbound (
  id                  bigserial primary key,
  peer_id             integer not null references federation_peers(id),
  origin_instance_id  text not null,
  origin_transfer_id  bigint not null,
  origin_dossier_code text not null,
  dossier_id          bigint not null unique references dossiers(id),
  callback_url        text,
  expected_back_at    timestamptz,               -- the due date the origin gave the transfer
  received_at         timestamptz not null,
  result_sent_at      timestamptz,
  unique (origin_instance_id, origin_transfer_id)
);
create index federation_inbound_received_idx on federation_inbound(received_at desc);
