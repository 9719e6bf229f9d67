-- Security keys and passkeys (WebAuthn) as a second console factor. The two tables and their columns are the
-- ones Spring Security's JdbcPublicKeyCredentialUserEntityRepository and JdbcUserCredentialRepository read and
-- write; binary columns are varbinary-style (bytea), which H2 and PostgreSQL both accept.
-- A seized server learns from these rows only public keys, sign counts, labels and days of use: nothing here
-- lets anyone sign in or decrypt.

-- One WebAuthn user entity per console account that has ever asked to enrol a key. The id is 64 random bytes
-- (base64url), not the account id: it is what the authenticator stores as the user handle.
create table user_entities (
    id            varchar(1000) not null,
    name          varchar(100)  not null,   -- the console user name (accounts are never renamed)
    display_name  varchar(200),
    primary key (id)
);

create unique index user_entities_name on user_entities (name);

create table user_credentials (
    credential_id                 varchar(1000) not null,   -- base64url
    user_entity_user_id           varchar(1000) not null,   -- user_entities.id
    public_key                    bytea         not null,   -- COSE public key
    signature_count               bigint,
    uv_initialized                boolean,
    backup_eligible               boolean       not null,
    authenticator_transports      varchar(1000),
    public_key_credential_type    varchar(100),
    backup_state                  boolean       not null,
    attestation_object            bytea,                    -- attestation 'none' is requested
    attestation_client_data_json  bytea,
    created                       timestamp,
    last_used                     timestamp,
    label                         varchar(1000) not null,   -- the owner's name for the key; shown escaped
    primary key (credential_id),
    constraint user_credentials_owner foreign key (user_entity_user_id) references user_entities (id)
);

create index user_credentials_user on user_credentials (user_entity_user_id);
