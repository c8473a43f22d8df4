-- Practice mode (issue 6): one unfinished attempt per official and scenario, also when two starts race.
create unique index practice_attempts_open_uq on practice_attempts(account_id, scenario_id) where finished_at is null;
-- The attempt of a practice dossier (the dossier page and the inbox look it up by dossier).
create index practice_attempts_dossier_idx on practice_attempts(dossier_id) where dossier_id is not null;
