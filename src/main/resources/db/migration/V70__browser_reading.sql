-- Each investigator chooses whether the console offers to read and reply in their browser with a private key
-- that only the browser holds. Off until they turn it on; the organisation-wide setting can forbid it.
alter table account add column browser_reading boolean default false not null;
