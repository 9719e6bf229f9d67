-- While two or more admins are enabled, disabling, enabling or inviting an admin waits here until a second admin
-- confirms it. Dates are days only: a seized server learns no more than the audit log already says.
create table admin_proposal (
    id                 varchar(32)  primary key,
    kind               varchar(20)  not null,   -- DISABLE_ADMIN, ENABLE_ADMIN or INVITE_ADMIN
    target_account_id  varchar(32),             -- null for an invitation
    proposed_by        varchar(32)  not null,   -- account id of the proposing admin
    proposed_on        date         not null
);

-- The day an account was disabled (null while enabled): a key approval counts admins disabled within the last
-- 7 days as present, so that disabling the others does not leave one admin to approve alone.
alter table account add column disabled_on date;
