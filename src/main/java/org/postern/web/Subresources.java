package org.postern.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Subresource Integrity values for the scripts Postern serves, computed from the very bytes in the jar, so a
 * page names exactly the file it expects and a browser refuses any other. Templates write
 * {@code th:integrity="${#subresources.integrity('static/review/js/security-keys.js')}"}.
 */
public final class Subresources extends AbstractDialect implements IExpressionObjectDialect {

    private final Map<String, String> integrity = new ConcurrentHashMap<>();

    public Subresources() {
        super("subresources");
    }

    /** The {@code integrity} attribute value ({@code sha384-…}) of a classpath resource. */
    public String integrity(String classpathLocation) {
        return integrity.computeIfAbsent(classpathLocation, Subresources::sha384);
    }

    static String sha384(String classpathLocation) {
        ClassPathResource resource = new ClassPathResource(classpathLocation);
        try (InputStream in = resource.getInputStream()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-384");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return "sha384-" + Base64.getEncoder().encodeToString(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("no such script in the jar: " + classpathLocation, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("subresources");
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return Subresources.this;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
