package org.postern.review.webauthn;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.postern.accounts.SecurityKeys;
import org.postern.config.PosternProperties;
import org.postern.onion.OnionHostnames;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Spring Security's WebAuthn relying party with the console's rules around it: the relying party follows the
 * console onion, which tor may write after start; labels are cleaned; each enrolment is audited and ends the
 * account's sessions; and a login prompt never lists an account's keys, so it looks the same whether or not the
 * password before it was right.
 */
final class ConsoleRelyingParty implements WebAuthnRelyingPartyOperations,
        ApplicationListener<WebServerInitializedEvent> {

    private record Party(String rpId, Set<String> origins, Webauthn4JRelyingPartyOperations operations) {
    }

    private final PosternProperties.Console console;
    private final OnionHostnames onions;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final SecurityKeys keys;
    private final AtomicReference<Party> current = new AtomicReference<>();
    /** The port the console really listens on: the configured one may be 0 (any free port) in tests. */
    private volatile int listening;

    ConsoleRelyingParty(PosternProperties.Console console, OnionHostnames onions,
            PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
            SecurityKeys keys) {
        this.console = console;
        this.onions = onions;
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.keys = keys;
    }

    /** The relying party id: configured, else the console onion, else localhost. */
    String rpId() {
        String configured = console.webauthn().rpId();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return onions.console().orElse("localhost");
    }

    Set<String> origins(String rpId) {
        List<String> configured = console.webauthn().allowedOrigins();
        if (configured != null && !configured.isEmpty()) {
            return Set.copyOf(configured);
        }
        int port = listening > 0 ? listening : console.port();
        return "localhost".equals(rpId) ? Set.of("http://localhost:" + port) : Set.of("http://" + rpId);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        listening = event.getWebServer().getPort();
    }

    private Webauthn4JRelyingPartyOperations party() {
        String rpId = rpId();
        Set<String> origins = origins(rpId);
        return current.updateAndGet(party -> party != null && party.rpId().equals(rpId)
                && party.origins().equals(origins) ? party : new Party(rpId, origins,
                new Webauthn4JRelyingPartyOperations(userEntities, credentials,
                        PublicKeyCredentialRpEntity.builder().id(rpId).name("Postern console").build(), origins)))
                .operations();
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
            PublicKeyCredentialCreationOptionsRequest request) {
        return party().createPublicKeyCredentialCreationOptions(request);
    }

    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        RelyingPartyPublicKey given = request.getPublicKey();
        String label = SecurityKeys.cleanLabel(given.getLabel());
        CredentialRecord record = party().registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                request.getCreationOptions(), new RelyingPartyPublicKey(given.getCredential(), label)));
        keys.enrolled(request.getCreationOptions().getUser().getName(), label);
        return record;
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
            PublicKeyCredentialRequestOptionsRequest request) {
        // Never list the keys of whoever is signed in or half signed in: the prompt must not tell them apart.
        return party().createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(null));
    }

    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        return party().authenticate(request);
    }
}
