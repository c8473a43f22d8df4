-- Reports at province scale: one fact row per real dossier, and day-by-day counts kept up to date in the same
-- transaction as the change that moves them.
--
-- 1. `report_facts_v` is the one definition of what a dossier counts as (its dimensions, its outcome, and the flags
--    Decision 766 needs). `report_facts` is that view, stored: a deferred trigger on each table the view reads
--    recomputes the dossier's row when the transaction commits.
-- 2. A fact contributes to the counts on up to four local days (received, finished, returned, rated), kept per
--    day and per month.
--    Every change to a fact subtracts its old contribution and adds its new one (`report_contribute`).
-- 3. `motcua reports verify` recounts both from scratch (the view, and a set-based regrouping of the facts) and
--    compares; `motcua reports rebuild` replaces them with the recount.
-- Practice dossiers never reach any of this.

-- The Vietnam local date of an instant (UTC+7, no daylight saving since 1975).
create or replace function motcua_local_day(timestamptz) returns date
  language sql immutable parallel safe as $$ select (($1 at time zone 'UTC') + interval '7 hours')::date $$;

create table report_facts (
  dossier_id       bigint primary key references dossiers(id),
  unit_id          integer not null,                   -- the receiving unit
  field            text not null,                      -- of the procedure version frozen on the dossier
  procedure_id     integer not null,
  channel          text not null,
  official_id      integer not null,                   -- the specialist who handled it; else assignee, receiver; 0: none
  received_at      timestamptz,                        -- null: never received (refused at intake, withdrawn before)
  done_at          timestamptz,                        -- processing ended: resolved, refused or withdrawn
  due_at           timestamptz,
  outcome          text check (outcome in ('early', 'on_time', 'late', 'refused', 'withdrawn')),
  result_refused   boolean not null,                   -- resolved with a refusal as the result
  returned_at      timestamptz,
  fee_bearing      boolean not null,
  paid_online      boolean not null,
  e_result         boolean not null,                   -- a digitally signed electronic result
  digitised        boolean not null,                   -- every provided component has its scan
  reused           boolean not null,                   -- reused an earlier digitised document
  population_used  boolean not null,                   -- data taken from the population database
  synced           boolean not null,                   -- the national portal has it
  rated_at         timestamptz,
  satisfied        boolean
);
create index report_facts_unit_received_idx on report_facts(unit_id, received_at);
create index report_facts_unit_done_idx on report_facts(unit_id, done_at);
-- "Open at instant T" (carried over, in progress at the end of a period): the span contains T.
-- Whether an open dossier was paused at that instant.
create index dossier_pauses_dossier_idx on dossier_pauses(dossier_id, started_at);
create index report_facts_open_span_idx on report_facts using gist (tstzrange(received_at, done_at)) where received_at is not null;

create or replace view report_facts_v as
select
  d.id as dossier_id,
  d.unit_id,
  pv.field,
  d.procedure_id,
  d.channel,
  coalesce(
    (select h.actor_id from dossier_history h
      where h.dossier_id = d.id and h.actor_role = 'specialist' and h.actor_id is not null
      order by h.seq desc limit 1),
    d.assignee_id, d.receiver_id, 0) as official_id,
  d.received_at,
  coalesce(d.resolved_at, d.closed_at) as done_at,
  d.due_at,
  case
    when d.resolved_at is not null then
      case
        when d.due_at is null then 'on_time'
        when d.resolved_at > d.due_at then 'late'
        when motcua_local_day(d.resolved_at) < motcua_local_day(d.due_at) then 'early'
        else 'on_time'
      end
    when d.status = 'refused' then 'refused'
    when d.status = 'withdrawn' then 'withdrawn'
  end as outcome,
  (d.resolved_at is not null and d.outcome = 'refused') as result_refused,
  d.returned_at,
  (coalesce(d.fee_amount, 0) > 0 or exists (select 1 from dossier_fees f where f.dossier_id = d.id and f.amount > 0)) as fee_bearing,
  exists (select 1 from payments p where p.dossier_id = d.id and p.state = 'paid') as paid_online,
  exists (select 1 from signed_documents s where s.dossier_id = d.id and s.kind = 'result') as e_result,
  (exists (select 1 from dossier_components c where c.dossier_id = d.id and c.provided)
    and not exists (
      select 1 from dossier_components c
       where c.dossier_id = d.id and c.provided
         and not exists (select 1 from dossier_files f
                          where f.dossier_id = d.id and f.component_key = c.component_key
                            and f.kind in ('component', 'supplement')))) as digitised,
  (exists (select 1 from dossier_files f where f.dossier_id = d.id and f.reused_from_dossier_id is not null)
    or exists (select 1 from dossier_data_sources s where s.dossier_id = d.id and s.source = 'reused_document')) as reused,
  exists (select 1 from dossier_data_sources s where s.dossier_id = d.id and s.source = 'population_database') as population_used,
  exists (select 1 from national_portal_sync n where n.dossier_id = d.id) as synced,
  r.rated_at,
  r.satisfied
from dossiers d
join procedure_versions pv on pv.id = d.procedure_version_id
left join ratings r on r.dossier_id = d.id
where not d.is_practice;

-- Counts by the dimensions reports break down by (the office comes from the official's grant when the report is
-- read, so moving an official does not rewrite history), per local day and, for long periods, per month.
create table report_daily (
  unit_id          integer not null,
  day              date not null,
  field            text not null,
  procedure_id     integer not null,
  channel          text not null,
  official_id      integer not null,
  -- on the day received
  received         integer not null default 0,
  received_online  integer not null default 0,
  received_on_time integer not null default 0,  -- of those received that day: resolved early or on time
  received_ended   integer not null default 0,  -- of those received that day: later refused or withdrawn
  fee_bearing      integer not null default 0,
  paid_online      integer not null default 0,
  e_result         integer not null default 0,
  e_result_synced  integer not null default 0,  -- an electronic result the national portal holds
  digitised        integer not null default 0,
  reused           integer not null default 0,
  population_used  integer not null default 0,
  synced           integer not null default 0,
  -- on the day processing ended
  resolved_early   integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved_late    integer not null default 0,
  result_refused   integer not null default 0,
  refused          integer not null default 0,
  withdrawn        integer not null default 0,
  -- on the day the result was returned
  returned         integer not null default 0,
  -- on the day the applicant rated
  rated            integer not null default 0,
  satisfied        integer not null default 0,
  primary key (unit_id, day, field, procedure_id, channel, official_id)
);

-- The same per month (`month` is its first day): a quarter or a year reads whole months from here.
create table report_monthly (
  unit_id          integer not null,
  month            date not null check (extract(day from month) = 1),
  field            text not null,
  procedure_id     integer not null,
  channel          text not null,
  official_id      integer not null,
  -- on the day received
  received         integer not null default 0,
  received_online  integer not null default 0,
  received_on_time integer not null default 0,  -- of those received that day: resolved early or on time
  received_ended   integer not null default 0,  -- of those received that day: later refused or withdrawn
  fee_bearing      integer not null default 0,
  paid_online      integer not null default 0,
  e_result         integer not null default 0,
  e_result_synced  integer not null default 0,  -- an electronic result the national portal holds
  digitised        integer not null default 0,
  reused           integer not null default 0,
  population_used  integer not null default 0,
  synced           integer not null default 0,
  -- on the day processing ended
  resolved_early   integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved_late    integer not null default 0,
  result_refused   integer not null default 0,
  refused          integer not null default 0,
  withdrawn        integer not null default 0,
  -- on the day the result was returned
  returned         integer not null default 0,
  -- on the day the applicant rated
  rated            integer not null default 0,
  satisfied        integer not null default 0,
  primary key (unit_id, month, field, procedure_id, channel, official_id)
);

-- The same counts per unit and day only: province-wide figures and rankings read this small table.
create table report_daily_unit (
  unit_id          integer not null,
  day              date not null,
  -- on the day received
  received         integer not null default 0,
  received_online  integer not null default 0,
  received_on_time integer not null default 0,  -- of those received that day: resolved early or on time
  received_ended   integer not null default 0,  -- of those received that day: later refused or withdrawn
  fee_bearing      integer not null default 0,
  paid_online      integer not null default 0,
  e_result         integer not null default 0,
  e_result_synced  integer not null default 0,  -- an electronic result the national portal holds
  digitised        integer not null default 0,
  reused           integer not null default 0,
  population_used  integer not null default 0,
  synced           integer not null default 0,
  -- on the day processing ended
  resolved_early   integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved_late    integer not null default 0,
  result_refused   integer not null default 0,
  refused          integer not null default 0,
  withdrawn        integer not null default 0,
  -- on the day the result was returned
  returned         integer not null default 0,
  -- on the day the applicant rated
  rated            integer not null default 0,
  satisfied        integer not null default 0,
  primary key (unit_id, day)
);

-- The detail counts of units `p_units` over the local days p_from..p_to: whole months from report_monthly, the
-- days of partial months at either end from report_daily. Rows have report_daily's shape (`day` is the month's
-- first day for monthly rows).
create or replace function report_rows(p_units integer[], p_from date, p_to date) returns setof report_daily
  language sql stable as $$
  -- One plain SELECT (no CTE), so that PostgreSQL inlines it into the caller's query and plans it with the
  -- caller's units and dates. Months from the first whole one to before the month after the last whole one;
  -- days outside those months.
  select m.unit_id, m.month, m.field, m.procedure_id, m.channel, m.official_id,
         m.received, m.received_online, m.received_on_time, m.received_ended, m.fee_bearing, m.paid_online, m.e_result, m.e_result_synced, m.digitised, m.reused, m.population_used, m.synced, m.resolved_early, m.resolved_on_time, m.resolved_late, m.result_refused, m.refused, m.withdrawn, m.returned, m.rated, m.satisfied
    from report_monthly m
   where m.unit_id = any(p_units)
     and m.month >= (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date
     and m.month < date_trunc('month', (p_to + 1)::timestamp)::date
  union all
  select d.*
    from report_daily d
   where d.unit_id = any(p_units) and d.day between p_from and p_to
     and (d.day < (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date
          or d.day >= greatest(date_trunc('month', (p_to + 1)::timestamp)::date, (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date))
$$;

-- Adds one fact's counts on day d to the three tables. `v` holds the 21 counts in the tables' order, from
-- received to satisfied.
create or replace function report_add(f report_facts, d date, v integer[]) returns void language plpgsql as $$
begin
  insert into report_daily as t (unit_id, day, field, procedure_id, channel, official_id,
      received, received_online, received_on_time, received_ended, fee_bearing, paid_online, e_result, e_result_synced, digitised, reused, population_used, synced, resolved_early, resolved_on_time, resolved_late, result_refused, refused, withdrawn, returned, rated, satisfied)
    values (f.unit_id, d, f.field, f.procedure_id, f.channel, f.official_id,
      v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21])
    on conflict (unit_id, day, field, procedure_id, channel, official_id) do update set
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_on_time = t.received_on_time + excluded.received_on_time,
      received_ended = t.received_ended + excluded.received_ended,
      fee_bearing = t.fee_bearing + excluded.fee_bearing,
      paid_online = t.paid_online + excluded.paid_online,
      e_result = t.e_result + excluded.e_result,
      e_result_synced = t.e_result_synced + excluded.e_result_synced,
      digitised = t.digitised + excluded.digitised,
      reused = t.reused + excluded.reused,
      population_used = t.population_used + excluded.population_used,
      synced = t.synced + excluded.synced,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      result_refused = t.result_refused + excluded.result_refused,
      refused = t.refused + excluded.refused,
      withdrawn = t.withdrawn + excluded.withdrawn,
      returned = t.returned + excluded.returned,
      rated = t.rated + excluded.rated,
      satisfied = t.satisfied + excluded.satisfied;
  insert into report_monthly as t (unit_id, month, field, procedure_id, channel, official_id,
      received, received_online, received_on_time, received_ended, fee_bearing, paid_online, e_result, e_result_synced, digitised, reused, population_used, synced, resolved_early, resolved_on_time, resolved_late, result_refused, refused, withdrawn, returned, rated, satisfied)
    values (f.unit_id, date_trunc('month', d::timestamp)::date, f.field, f.procedure_id, f.channel, f.official_id,
      v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21])
    on conflict (unit_id, month, field, procedure_id, channel, official_id) do update set
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_on_time = t.received_on_time + excluded.received_on_time,
      received_ended = t.received_ended + excluded.received_ended,
      fee_bearing = t.fee_bearing + excluded.fee_bearing,
      paid_online = t.paid_online + excluded.paid_online,
      e_result = t.e_result + excluded.e_result,
      e_result_synced = t.e_result_synced + excluded.e_result_synced,
      digitised = t.digitised + excluded.digitised,
      reused = t.reused + excluded.reused,
      population_used = t.population_used + excluded.population_used,
      synced = t.synced + excluded.synced,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      result_refused = t.result_refused + excluded.result_refused,
      refused = t.refused + excluded.refused,
      withdrawn = t.withdrawn + excluded.withdrawn,
      returned = t.returned + excluded.returned,
      rated = t.rated + excluded.rated,
      satisfied = t.satisfied + excluded.satisfied;
  insert into report_daily_unit as t (unit_id, day,
      received, received_online, received_on_time, received_ended, fee_bearing, paid_online, e_result, e_result_synced, digitised, reused, population_used, synced, resolved_early, resolved_on_time, resolved_late, result_refused, refused, withdrawn, returned, rated, satisfied)
    values (f.unit_id, d,
      v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21])
    on conflict (unit_id, day) do update set
      received = t.received + excluded.received,
      received_online = t.received_online + excluded.received_online,
      received_on_time = t.received_on_time + excluded.received_on_time,
      received_ended = t.received_ended + excluded.received_ended,
      fee_bearing = t.fee_bearing + excluded.fee_bearing,
      paid_online = t.paid_online + excluded.paid_online,
      e_result = t.e_result + excluded.e_result,
      e_result_synced = t.e_result_synced + excluded.e_result_synced,
      digitised = t.digitised + excluded.digitised,
      reused = t.reused + excluded.reused,
      population_used = t.population_used + excluded.population_used,
      synced = t.synced + excluded.synced,
      resolved_early = t.resolved_early + excluded.resolved_early,
      resolved_on_time = t.resolved_on_time + excluded.resolved_on_time,
      resolved_late = t.resolved_late + excluded.resolved_late,
      result_refused = t.result_refused + excluded.result_refused,
      refused = t.refused + excluded.refused,
      withdrawn = t.withdrawn + excluded.withdrawn,
      returned = t.returned + excluded.returned,
      rated = t.rated + excluded.rated,
      satisfied = t.satisfied + excluded.satisfied;
end $$;

-- One fact's contribution, times s (+1 to add it, -1 to take it back).
create or replace function report_contribute(f report_facts, s integer) returns void language plpgsql as $$
begin
  if f.received_at is not null then
    perform report_add(f, motcua_local_day(f.received_at), array[
      s, s * (f.channel = 'online')::int, s * coalesce(f.outcome in ('early', 'on_time'), false)::int,
      s * coalesce(f.outcome in ('refused', 'withdrawn'), false)::int,
      s * f.fee_bearing::int, s * f.paid_online::int, s * f.e_result::int, s * (f.e_result and f.synced)::int,
      s * f.digitised::int, s * f.reused::int, s * f.population_used::int, s * f.synced::int,
      0, 0, 0, 0, 0, 0, 0, 0, 0]);
  end if;
  if f.done_at is not null and f.outcome is not null then
    perform report_add(f, motcua_local_day(f.done_at), array[
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      s * (f.outcome = 'early')::int, s * (f.outcome = 'on_time')::int, s * (f.outcome = 'late')::int,
      s * f.result_refused::int, s * (f.outcome = 'refused')::int, s * (f.outcome = 'withdrawn')::int,
      0, 0, 0]);
  end if;
  if f.returned_at is not null then
    perform report_add(f, motcua_local_day(f.returned_at), array[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, s, 0, 0]);
  end if;
  if f.rated_at is not null then
    perform report_add(f, motcua_local_day(f.rated_at), array[
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, s, s * coalesce(f.satisfied, false)::int]);
  end if;
end $$;

create or replace function report_facts_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform report_contribute(old, -1); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform report_contribute(new, 1); end if;
  return null;
end $$;
create trigger report_facts_contribute after insert or update or delete on report_facts
  for each row execute function report_facts_changed();

-- Recomputes one dossier's fact from the view. Contributions to one unit's counts are serialised (advisory lock
-- per unit, held to commit) so that two commits never update the same count rows in opposite orders.
create or replace function report_refresh(p_id bigint) returns void language plpgsql as $$
declare
  v report_facts;
  cur report_facts;
  u integer;
begin
  select unit_id into u from dossiers where id = p_id;
  if not found then return; end if;
  perform pg_advisory_xact_lock(766, u);
  select * into v from report_facts_v where dossier_id = p_id;
  select * into cur from report_facts where dossier_id = p_id;
  if v.dossier_id is null then
    if cur.dossier_id is not null then delete from report_facts where dossier_id = p_id; end if;
  elsif cur.dossier_id is null then
    insert into report_facts values (v.*);
  elsif cur is distinct from v then
    delete from report_facts where dossier_id = p_id;
    insert into report_facts values (v.*);
  end if;
end $$;

-- Deferred to commit, so the fact sees everything the transaction wrote (history, files, fees) in one go. All the
-- queued events run at commit, after the last write, so the first refresh of a dossier is final: the others of
-- the same transaction (one per component, file, history row…) are skipped, by a list kept in a setting local to
-- the transaction.
create or replace function report_source_changed() returns trigger language plpgsql as $$
declare
  id bigint;
  done text := coalesce(nullif(current_setting('motcua.report_refreshed', true), ''), ',');
begin
  if tg_table_name = 'dossiers' then id := new.id;
  elsif tg_op = 'DELETE' then id := old.dossier_id;
  else id := new.dossier_id;
  end if;
  if position(',' || id || ',' in done) > 0 then return null; end if;
  perform report_refresh(id);
  perform set_config('motcua.report_refreshed', done || id || ',', true);
  return null;
end $$;

create constraint trigger report_dossiers after insert or update on dossiers
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_ratings after insert or update or delete on ratings
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_payments after insert or update on payments
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_dossier_fees after insert or update or delete on dossier_fees
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_signed_documents after insert or update or delete on signed_documents
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_dossier_files after insert or update or delete on dossier_files
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_dossier_components after insert or update or delete on dossier_components
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_data_sources after insert or update or delete on dossier_data_sources
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_portal_sync after insert or update or delete on national_portal_sync
  deferrable initially deferred for each row execute function report_source_changed();
create constraint trigger report_history after insert on dossier_history
  deferrable initially deferred for each row execute function report_source_changed();

-- Facts for what already exists.
insert into report_facts select * from report_facts_v;
