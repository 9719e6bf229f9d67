-- The audit log: an append-only hash chain of investigator, operator and system actions.
-- Portable between H2 and PostgreSQL. Entries never hold a codename, content, reply text, file name or secret.

create table audit_entry (
    seq          bigint        primary key,  -- 1, 2, 3, ... with no gaps
    occurred_at  timestamp     not null,     -- UTC, to the second; never a source's action
    actor        varchar(64)   not null,     -- account username, 'operator' (command line) or 'system' (jobs)
    action       varchar(40)   not null,     -- an AuditAction name
    subject      varchar(200)  not null,     -- a designation, fingerprint or account name; may be empty
    details      varchar(500)  not null,     -- a short non-identifying note; may be empty
    prev_hash    varchar(64)   not null,     -- hex SHA-256 of the previous entry; 64 zeros for the first
    entry_hash   varchar(64)   not null      -- hex SHA-256 over this entry's fields and prev_hash
);

-- One row: the last appended entry. Appends lock it, so the chain cannot fork, and a deleted tail shows.
create table audit_head (
    id         int          primary key,
    last_seq   bigint       not null,
    last_hash  varchar(64)  not null,
    constraint audit_head_single_row check (id = 1)
);

insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
