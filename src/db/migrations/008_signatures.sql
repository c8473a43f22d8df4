-- Digital signatures: the units' signing certificates, and every document signed with one — a dossier's
-- result or a form — under a short public verification code printed (with a QR) on the document.

create table unit_certificates (
  id                   serial primary key,
  unit_id              integer not null references units(id),
  kind                 text not null check (kind in ('pkcs12', 'remote')),
  subject              text not null,
  common_name          text not null,
  issuer               text not null,
  serial               text not null,
  not_before           timestamptz not null,
  not_after            timestamptz not null,
  certificate          bytea not null,                  -- DER of the signer certificate
  chain                jsonb not null default '[]',     -- base64 DER of the issuer certificates, nearest first
  fingerprint          text not null,                   -- SHA-256 of the DER, hex
  -- pkcs12: the private key (PKCS#8) taken from the uploaded .p12, sealed with AES-256-GCM (keyring.ts).
  key_sealed           bytea,
  -- remote: who and which credential at the remote-signing service.
  remote_user_id       text,
  remote_credential_id text,
  active               boolean not null default true,
  created_by           integer references accounts(id),
  created_at           timestamptz not null default now(),
  deactivated_at       timestamptz,
  check ((kind = 'pkcs12') = (key_sealed is not null)),
  check (kind <> 'remote' or (remote_user_id is not null and remote_credential_id is not null)),
  check (not_after > not_before),
  check (active or deactivated_at is not null)
);
create index unit_certificates_unit_idx on unit_certificates(unit_id, active);
create unique index unit_certificates_active_uq on unit_certificates(unit_id, fingerprint) where active;

create table signed_documents (
  id             bigserial primary key,
  code           text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),  -- Crockford base32, 50 bits
  dossier_id     bigint not null references dossiers(id),
  file_id        uuid not null references files(id),
  kind           text not null check (kind in ('result', 'form')),
  form           text,                                   -- which form, for kind 'form' (e.g. 'receipt')
  sha256         text not null,                          -- of the signed PDF as stored
  unit_id        integer not null references units(id),  -- the signing unit
  signer_id      integer references accounts(id),
  signer_role    text not null,
  certificate_id integer not null references unit_certificates(id),
  method         text not null check (method in ('pkcs12', 'remote')),
  signed_at      timestamptz not null,
  check ((kind = 'form') = (form is not null))
);
create index signed_documents_dossier_idx on signed_documents(dossier_id, signed_at);

-- What was signed stays as it was signed.
create trigger signed_documents_append_only before update or delete on signed_documents
  for each row execute function motcua_append_only();
