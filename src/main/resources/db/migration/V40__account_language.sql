-- The console language an investigator chose (a code such as 'ar'); null until they choose one.
alter table account add column language varchar(16);
