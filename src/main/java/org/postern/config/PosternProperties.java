package org.postern.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every Postern setting, bound from {@code postern.*}. README.md lists them; keep the two in step.
 */
@ConfigurationProperties("postern")
public record PosternProperties(
        @DefaultValue("./postern-data") Path dataDir,
        @DefaultValue("Postern") String organizationName,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("false") boolean allowNonLoopbackBind,
        @DefaultValue Source source,
        @DefaultValue Console console,
        @DefaultValue Argon2 argon2,
        @DefaultValue Tor tor,
        @DefaultValue Notifications notifications) {

    /** The source interface: reached only through the source onion service. */
    public record Source(
            @DefaultValue("8080") int port,
            @DefaultValue("2GB") DataSize maxUploadBytes,
            @DefaultValue("1MB") DataSize maxMessageBytes,
            @DefaultValue("100") int maxFilesPerSubmission,
            @DefaultValue("2h") Duration sessionTimeout,
            @DefaultValue("60") int codenameAttemptsPerMinute,
            @DefaultValue("24h") Duration unsubmittedSourceLifetime,
            @DefaultValue("en") String defaultLanguage) {

        public Source {
            if (org.postern.i18n.Language.byCode(defaultLanguage, org.postern.i18n.Language.SOURCE).isEmpty()) {
                throw new IllegalArgumentException("postern.source.default-language must be one of "
                        + org.postern.i18n.Language.SOURCE.stream().map(org.postern.i18n.Language::code).toList());
            }
        }

        /** The language sources see before they choose one. */
        public org.postern.i18n.Language language() {
            return org.postern.i18n.Language.byCode(defaultLanguage, org.postern.i18n.Language.SOURCE).orElseThrow();
        }
    }

    /** The investigators' review console: its own port and onion service. */
    public record Console(
            @DefaultValue("8081") int port,
            @DefaultValue("30m") Duration sessionTimeout,
            @DefaultValue WebAuthn webauthn) {
    }

    /**
     * Security keys in the console. Unset, the relying party is the console onion when tor has written its
     * hostname (origin {@code http://<onion>}), else {@code localhost} with origin
     * {@code http://localhost:<console port>} for local runs.
     */
    public record WebAuthn(
            String rpId,
            java.util.List<String> allowedOrigins) {
    }

    /**
     * Cost of the codename KDF; each running derivation holds {@code memoryKib} of heap. {@code maxWait} is long
     * enough that a burst of logins (16 at once take about 6 s on two cores) is served rather than refused.
     */
    public record Argon2(
            @DefaultValue("65536") int memoryKib,
            @DefaultValue("3") int iterations,
            @DefaultValue("1") int parallelism,
            @DefaultValue("0") int maxConcurrent,
            @DefaultValue("30s") Duration maxWait) {

        /** Bound concurrency by memory: at most a quarter of the heap goes to running derivations. */
        public int effectiveMaxConcurrent(long maxHeapBytes) {
            if (maxConcurrent > 0) {
                return maxConcurrent;
            }
            long perDerivation = memoryKib * 1024L;
            long byMemory = (maxHeapBytes / 4) / perDerivation;
            int byCpu = Runtime.getRuntime().availableProcessors() * 2;
            return (int) Math.max(1, Math.min(byCpu, byMemory));
        }
    }

    /**
     * Where tor's side of the two onion services is visible to Postern. All optional: unset, the console cannot
     * show the addresses or manage investigator devices.
     */
    public record Tor(
            Path sourceHostnameFile,
            Path consoleHostnameFile,
            Path consoleAuthorizedClientsDir) {
    }

    /**
     * Optional e-mail to investigators who opted in: "N new submissions", nothing more. Off by default. When on,
     * a batch runs every {@code interval} and mails only if something arrived since the last one.
     */
    public record Notifications(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("15m") Duration interval,
            @DefaultValue("") String fromAddress,
            @DefaultValue Smtp smtp) {

        public Notifications {
            if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("postern.notifications.interval must be at least 1m");
            }
            if (enabled && (fromAddress.isBlank() || smtp.host().isBlank())) {
                throw new IllegalArgumentException("postern.notifications.from-address and "
                        + "postern.notifications.smtp.host must be set when notifications are enabled");
            }
        }
    }

    /** The SMTP server notifications go through. With {@code starttls}, the upgrade is required, not tried. */
    public record Smtp(
            @DefaultValue("") String host,
            @DefaultValue("587") int port,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("true") boolean starttls) {

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=[REDACTED], "
                    + "starttls=" + starttls + "]";
        }
    }

    public Path storeDir() {
        return dataDir.resolve("store");
    }

    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }
}
