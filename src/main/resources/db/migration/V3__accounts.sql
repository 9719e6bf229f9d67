-- Investigator and admin accounts for the review console. Investigators' actions may be timed: they are not
-- source actions.

create table account (
    id              varchar(32)  primary key,
    username        varchar(64)  not null unique,
    password_hash   varchar(200) not null,      -- Argon2id, PHC string format
    role            varchar(16)  not null,      -- ADMIN or INVESTIGATOR
    enabled         boolean      not null,
    totp_secret     varchar(64),                -- base64; null until (re-)enrolled
    totp_last_step  bigint       not null default 0,  -- a code is accepted once
    session_epoch   int          not null default 0,  -- bumped to end every session of the account
    failed_logins   int          not null default 0,
    locked_until    timestamp,
    created_on      date         not null
);

create table invitation (
    token_hash  varchar(64)  primary key,       -- SHA-256 of a 256-bit random token
    role        varchar(16)  not null,
    account_id  varchar(32),                    -- set for a second-factor re-enrolment link
    created_by  varchar(64)  not null,
    expires_at  timestamp    not null,
    used        boolean      not null default false
);

create table console_setting (
    setting_name   varchar(64)   primary key,
    setting_value  varchar(1000) not null
);
