-- Key vetting in the console: each investigator registers their own key, which receives submissions only once
-- an admin has approved it after comparing its fingerprint with its owner out of band.
-- Operator keys (origin OPERATOR, added on the command line) belong to no account and have no approving account.

alter table recipient_key add column account_id varchar(32);
alter table recipient_key add column approved_by varchar(32);   -- the approving admin's account id
alter table recipient_key add column approved_on date;

-- Accounts are disabled, never deleted, so these references stay valid.
alter table recipient_key add constraint recipient_key_owner foreign key (account_id) references account (id);
alter table recipient_key add constraint recipient_key_approver foreign key (approved_by) references account (id);

-- An account has at most one approved key and one pending replacement, even when two uploads race.
-- Operator keys have a null account_id, and nulls are distinct in unique constraints on both H2 and PostgreSQL.
alter table recipient_key add constraint recipient_key_one_per_status unique (account_id, status);
