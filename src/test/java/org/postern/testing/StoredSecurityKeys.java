package org.postern.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Security-key rows written straight to the database, for tests about how keys are listed, named or audited. */
public final class StoredSecurityKeys {

    private StoredSecurityKeys() {
    }

    /**
     * Stores a credential row as Spring Security's repository writes it, under the person's WebAuthn user entity
     * (made if missing), and returns its credential id. Its key material is never used to sign anything.
     */
    public static String store(JdbcClient jdbc, String username, String label) {
        String entity = jdbc.sql("select id from user_entities where name = ?").param(username).query(String.class)
                .optional().orElseGet(() -> {
                    String id = UUID.randomUUID().toString().replace("-", "");
                    jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?)")
                            .params(id, username, username).update();
                    return id;
                });
        String credentialId = UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count,
                    uv_initialized, backup_eligible, authenticator_transports, public_key_credential_type,
                    backup_state, created, last_used, label)
                values (?, ?, ?, 0, true, false, 'usb', 'public-key', false, ?, null, ?)""")
                .params(credentialId, entity, new byte[] {1, 2, 3}, Timestamp.from(Instant.now()), label).update();
        return credentialId;
    }
}
