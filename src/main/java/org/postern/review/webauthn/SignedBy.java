package org.postern.review.webauthn;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;

/** Checks an assertion and names the account whose key made it; grants nothing. */
final class SignedBy implements AuthenticationManager {

    private final ConsoleRelyingParty party;

    SignedBy(ConsoleRelyingParty party) {
        this.party = party;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof WebAuthnAuthenticationRequestToken request)) {
            throw new BadCredentialsException("not an assertion");
        }
        try {
            PublicKeyCredentialUserEntity user = party.authenticate(request.getWebAuthnRequest());
            return UsernamePasswordAuthenticationToken.unauthenticated(user.getName(), null);
        } catch (RuntimeException invalid) {
            // Unknown key, bad signature, wrong origin or challenge, a sign count that went backwards.
            throw new BadCredentialsException("assertion refused", invalid);
        }
    }
}
