-- TOTP seeds are sealed with AES-GCM under a key outside the database (DatabaseSecretSealer):
-- "sealed1:" + base64(nonce, ciphertext, tag) needs more room than the bare base64 seed.
alter table account alter column totp_secret set data type varchar(200);
