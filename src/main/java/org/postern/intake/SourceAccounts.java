package org.postern.intake;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.KdfBusyException;
import org.postern.crypto.ReplyKeys;
import org.postern.crypto.SourceSecrets;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Creating a source from a new codename, and logging a returning one in; both cost one KDF run. */
@Component
class SourceAccounts {

    enum LoginResult { OK, UNKNOWN, BUSY }

    private final CodenameKdf kdf;
    private final ReplyKeys replyKeys;
    private final SourceRepository sources;
    private final SourceSession session;

    SourceAccounts(CodenameKdf kdf, ReplyKeys replyKeys, SourceRepository sources, SourceSession session) {
        this.kdf = kdf;
        this.replyKeys = replyKeys;
        this.sources = sources;
        this.session = session;
    }

    /** Empty if the KDF was too busy; the response status is then already set. */
    Optional<Source> create(Codename codename, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try (SourceSecrets secrets = kdf.derive(codename)) {
            Source source = sources.findByLookupId(secrets.lookupId())
                    .orElseGet(() -> sources.create(secrets.lookupId(), replyKeys.publicKey(secrets)));
            session.logIn(source.id(), replyKeys.derivePrivateKeyRisky(secrets), request, response);
            return Optional.of(source);
        } catch (KdfBusyException busy) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return Optional.empty();
        }
    }

    LoginResult logIn(Codename codename, HttpServletRequest request, HttpServletResponse response) {
        try (SourceSecrets secrets = kdf.derive(codename)) {
            Optional<Source> source = sources.findByLookupId(secrets.lookupId());
            if (source.isEmpty()) {
                return LoginResult.UNKNOWN;
            }
            session.logIn(source.get().id(), replyKeys.derivePrivateKeyRisky(secrets), request, response);
            return LoginResult.OK;
        } catch (KdfBusyException busy) {
            return LoginResult.BUSY;
        }
    }
}
