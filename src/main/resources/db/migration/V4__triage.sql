-- Inbox and triage for the review console. Portable between H2 and PostgreSQL: varchar, int, bigint, boolean,
-- date and timestamp only. Source actions stay dated to the day; nothing here records a time of day.

-- Numbers are never reused: submission and reply seq come from these counters, not from max(seq), so that a
-- deleted number's download link can never fetch a later file, and "seen through n" stays true.
alter table source add column submission_seq int default 0 not null;
alter table source add column reply_seq int default 0 not null;
update source set submission_seq = coalesce((select max(seq) from submission where submission.source_id = source.id), 0);
update source set reply_seq = coalesce((select max(seq) from reply where reply.source_id = source.id), 0);

-- Shared triage state: the whole desk sees one status and one assignee per source.
alter table source add column status varchar(16) default 'NEW' not null;  -- NEW, IN_REVIEW or CLOSED
alter table source add column assignee_id varchar(32) references account (id) on delete set null;

-- Where the e-mail batch got to: submissions numbered up to here have been counted in a notification run.
alter table source add column notified_seq int default 0 not null;
update source set notified_seq = submission_seq;

create index source_activity on source (last_activity_on, designation);
create index source_status_activity on source (status, last_activity_on);
create index source_assignee on source (assignee_id);

-- Free-text labels, a few per source; shown escaped everywhere.
create table source_label (
    source_id  varchar(32) not null references source (id) on delete cascade,
    label      varchar(40) not null,
    constraint source_label_pk primary key (source_id, label)
);
create index source_label_by_label on source_label (label, source_id);

-- Stars are each investigator's own watch list.
create table source_star (
    account_id  varchar(32) not null references account (id) on delete cascade,
    source_id   varchar(32) not null references source (id) on delete cascade,
    constraint source_star_pk primary key (account_id, source_id)
);
create index source_star_source on source_star (source_id);

-- Unread, per account. An account has seen every submission of a source numbered up to seen_through (opening
-- the source's page or its archive moves it), plus any single submission above it that it downloaded.
create table source_seen (
    account_id    varchar(32) not null references account (id) on delete cascade,
    source_id     varchar(32) not null references source (id) on delete cascade,
    seen_through  int         not null,
    constraint source_seen_pk primary key (account_id, source_id)
);
create index source_seen_source on source_seen (source_id);

create table submission_seen (
    account_id     varchar(32) not null references account (id) on delete cascade,
    submission_id  varchar(32) not null references submission (id) on delete cascade,
    constraint submission_seen_pk primary key (account_id, submission_id)
);
create index submission_seen_submission on submission_seen (submission_id);

-- Retention works by date.
create index submission_received on submission (received_on);
create index reply_sent on reply (sent_on);

-- Opt-in e-mail notifications: one address per account, none by default.
create table notification_address (
    account_id  varchar(32)  primary key references account (id) on delete cascade,
    address     varchar(254) not null
);
