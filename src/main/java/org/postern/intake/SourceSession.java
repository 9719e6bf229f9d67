package org.postern.intake;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import org.postern.config.PosternProperties;
import org.postern.crypto.SourceReplyKey;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * A logged-in source's session: the source's row id, and the reply private key re-derived from the codename.
 * The key lives only in memory, and is destroyed when the session ends (logout, expiry, shutdown).
 */
@Component
class SourceSession {

    private static final String REPLY_KEY = SourceSession.class.getName() + ".replyKey";

    private final HttpSessionSecurityContextRepository contexts;
    private final HttpSessionCsrfTokenRepository csrfTokens;
    private final PosternProperties properties;

    SourceSession(HttpSessionSecurityContextRepository contexts, HttpSessionCsrfTokenRepository csrfTokens,
            PosternProperties properties) {
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.properties = properties;
    }

    /** Logs the source in: a fresh session id, a fresh CSRF token, the reply key held in memory. */
    void logIn(String sourceId, SourceReplyKey replyKey, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setMaxInactiveInterval((int) properties.source().sessionTimeout().toSeconds());
        csrfTokens.saveToken(null, request, response);
        session.setAttribute(REPLY_KEY, new ReplyKeyHolder(replyKey));
        Authentication auth = UsernamePasswordAuthenticationToken.authenticated(new SourcePrincipal(sourceId), null,
                List.of(new SimpleGrantedAuthority("ROLE_SOURCE")));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    static Optional<String> currentSourceId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SourcePrincipal principal) {
            return Optional.of(principal.sourceId());
        }
        return Optional.empty();
    }

    static Optional<SourceReplyKey> replyKey(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(REPLY_KEY) instanceof ReplyKeyHolder holder) {
            return Optional.of(holder.key);
        }
        return Optional.empty();
    }

    /** The principal of a logged-in source: only the random row id, nothing derived from the codename. */
    record SourcePrincipal(String sourceId) {
        @Override
        public String toString() {
            return "SourcePrincipal[REDACTED]";
        }
    }

    /** Not serializable on purpose: a session that is written anywhere leaves the key behind. */
    private static final class ReplyKeyHolder implements HttpSessionBindingListener {
        private final SourceReplyKey key;

        ReplyKeyHolder(SourceReplyKey key) {
            this.key = key;
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            key.destroy();
        }
    }
}
