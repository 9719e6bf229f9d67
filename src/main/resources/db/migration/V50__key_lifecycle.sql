-- Which keys each blob was encrypted to: the console says who can open what, and a replaced key's record stays
-- for as long as any blob still needs it. Rows go with their submission or reply.
create table submission_key (
    submission_id  varchar(32) not null references submission (id) on delete cascade,
    fingerprint    varchar(40) not null,
    primary key (submission_id, fingerprint)
);
create index submission_key_fingerprint on submission_key (fingerprint);

create table reply_key (
    reply_id     varchar(32) not null references reply (id) on delete cascade,
    fingerprint  varchar(40) not null,
    primary key (reply_id, fingerprint)
);
create index reply_key_fingerprint on reply_key (fingerprint);

-- A RETIRED key receives nothing and is kept only while some blob needs it. Its owner moves to
-- retired_owner_id, so that an account may retire many keys under the (account_id, status) uniqueness.
alter table recipient_key add column retired_owner_id varchar(32);
alter table recipient_key add column retired_on date;
alter table recipient_key add constraint recipient_key_retired_owner foreign key (retired_owner_id) references account (id);

-- The organisation's recovery key: it receives everything, at most one is approved at a time, and in the console
-- it takes two admins: the one who proposed it (proposed_by) and another who approves it.
alter table recipient_key add column recovery boolean default false not null;
alter table recipient_key add column proposed_by varchar(32);
alter table recipient_key add constraint recipient_key_proposer foreign key (proposed_by) references account (id);
