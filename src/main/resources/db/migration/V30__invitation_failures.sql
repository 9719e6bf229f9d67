-- Wrong passwords entered on a re-enrolment link; enough of them cancel the link.
alter table invitation add column failed_attempts int default 0 not null;
