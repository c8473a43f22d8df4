-- Fees and payments: the fee lines each unit charges per procedure, the lines of a requested fee, payment
-- requests on the national portal's payment platform, every notification the platform sent (kept, even the
-- refused and repeated ones), and each unit's beneficiary account at the platform.

-- Phí (fee) and lệ phí (charge) lines a unit charges for a procedure; an admin edits them.
create table procedure_fee_lines (
  id           serial primary key,
  unit_id      integer not null references units(id),
  procedure_id integer not null references procedures(id),
  code         text not null check (code ~ '^[A-Za-z0-9._-]{1,40}$'),   -- MaPhiLePhi
  name         text not null check (length(name) between 2 and 300),  -- TenPhiLePhi
  kind         text not null check (kind in ('fee', 'charge')),         -- LoaiPhiLePhi
  amount       bigint not null check (amount >= 0),                     -- đồng
  active       boolean not null default true,
  position     integer not null default 0,
  updated_by   integer references accounts(id),
  updated_at   timestamptz not null,
  unique (unit_id, procedure_id, code)
);
create index procedure_fee_lines_procedure_idx on procedure_fee_lines(procedure_id, unit_id);

-- The lines of one fee requested on a dossier, copied at request time: a later change of the unit's lines
-- does not change what was asked.
create table dossier_fee_lines (
  id       bigserial primary key,
  fee_id   bigint not null references dossier_fees(id),
  position integer not null,
  code     text not null,
  name     text not null,
  kind     text not null check (kind in ('fee', 'charge')),
  amount   bigint not null check (amount >= 0),
  unique (fee_id, position)
);

-- The unit's beneficiary account at the payment platform (TKThuHuong, MaNHThuHuong, TenTKThuHuong, MaDonVi).
create table payment_accounts (
  unit_id       integer primary key references units(id),
  platform_unit text not null check (length(platform_unit) between 1 and 40),   -- MaDonVi
  account_no    text not null check (account_no ~ '^[0-9A-Za-z-]{4,40}$'),      -- TKThuHuong
  bank_code     text not null check (length(bank_code) between 2 and 20),       -- MaNHThuHuong
  account_name  text not null check (length(account_name) between 2 and 200),   -- TenTKThuHuong
  updated_by    integer references accounts(id),
  updated_at    timestamptz not null
);

-- A payment request for one requested fee, identified at the platform by its reference (MaThamChieu). A
-- request the citizen abandoned is cancelled and a new one (new reference) opened for the same fee.
create table payments (
  id                      bigserial primary key,
  dossier_id              bigint not null references dossiers(id),
  fee_id                  bigint not null references dossier_fees(id),
  reference               text not null unique,                 -- MaThamChieu
  amount                  bigint not null check (amount >= 0),  -- SoTien asked
  state                   text not null default 'pending' check (state in ('pending', 'paid', 'cancelled', 'refunded')),
  platform_transaction_id text unique,                          -- MaGiaoDich
  payment_url             text,
  paid_at                 timestamptz,                          -- ThoiGianGD
  receipt_url             text,                                 -- DuongDanBienLai
  bank_code               text,                                 -- MaNganHang
  last_notification       jsonb,
  created_at              timestamptz not null,
  updated_at              timestamptz not null,
  check (state <> 'paid' or (paid_at is not null and platform_transaction_id is not null))
);
create index payments_dossier_idx on payments(dossier_id, id);
create index payments_paid_at_idx on payments(paid_at) where paid_at is not null;
-- At most one open request per fee: two browser tabs cannot open two.
create unique index payments_one_pending_per_fee on payments(fee_id) where state = 'pending';

-- Every notification the platform sent, as received. `flagged`: a person must look at it in reconciliation
-- (money arrived that MotCua could not apply: after a counter payment, with a wrong amount, for an unknown
-- reference).
create table payment_notifications (
  id             bigserial primary key,
  payment_id     bigint references payments(id),
  reference      text,                                         -- MaThamChieu as sent
  transaction_id text,                                         -- MaGiaoDich as sent
  amount         bigint,                                       -- SoTien as sent
  platform_state text,                                         -- TrangThai as sent
  raw            jsonb not null,
  signature_ok   boolean not null,
  received_at    timestamptz not null,
  outcome        text not null check (outcome in ('applied', 'duplicate', 'late', 'mismatch', 'rejected')),
  reason         text,
  flagged        boolean not null default false
);
create index payment_notifications_tx_idx on payment_notifications(transaction_id, platform_state);
create index payment_notifications_payment_idx on payment_notifications(payment_id);
create index payment_notifications_flagged_idx on payment_notifications(received_at) where flagged;
