-- Postern core schema, portable between H2 and PostgreSQL.
-- Dates of source actions are DATE (day, UTC), never timestamps.

create table recipient_key (
    fingerprint   varchar(40)   primary key,
    armored       varchar(200000) not null,
    user_ids      varchar(2000) not null,
    algorithm     varchar(64)   not null,
    expires_on    date,
    origin        varchar(16)   not null,  -- OPERATOR (command line) or CONSOLE
    status        varchar(16)   not null,  -- APPROVED keys receive submissions; PENDING ones wait for an admin
    added_on      date          not null
);

create table source (
    id                varchar(32)   primary key,  -- random, unrelated to the codename
    lookup_id         varchar(64)   not null unique,  -- Argon2id(codename, lookup pepper)
    reply_public_key  varchar(400)  not null,  -- base64 of an OpenPGP public key packet
    designation       varchar(100)  not null unique,  -- random words for investigators, never the codename
    created_on        date          not null,
    last_activity_on  date          not null
);

create table submission (
    id              varchar(32) primary key,
    source_id       varchar(32) not null references source (id) on delete cascade,
    seq             int         not null,
    kind            varchar(16) not null,  -- MESSAGE or FILE
    blob_id         varchar(32) not null unique,
    encrypted_size  bigint      not null,
    received_on     date        not null,
    constraint submission_seq_unique unique (source_id, seq)
);

create table reply (
    id              varchar(32) primary key,
    source_id       varchar(32) not null references source (id) on delete cascade,
    seq             int         not null,
    blob_id         varchar(32) not null unique,
    encrypted_size  bigint      not null,
    sent_on         date        not null,
    constraint reply_seq_unique unique (source_id, seq)
);

create index submission_source on submission (source_id);
create index reply_source on reply (source_id);
