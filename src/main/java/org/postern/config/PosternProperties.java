package org.postern.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every Postern setting, bound from {@code postern.*}. docs/configuration.md is generated from these javadoc
 * comments (through Spring Boot's configuration metadata), and a test keeps the two in step.
 *
 * @param dataDir data directory: H2 database, peppers, encrypted blobs. Created owner-only (0700) at start. It
 *     also sets the default H2 URL.
 * @param organizationName name shown on every source page and on the console, until an admin sets one under
 *     "Organization" in the console.
 * @param bindAddress address both TCP ports listen on (a side with a {@code unix-socket} has none). It must be a loopback address unless
 *     {@code allow-non-loopback-bind} is true.
 * @param allowNonLoopbackBind allows a non-loopback bind address, which anyone who can reach it can use to
 *     bypass Tor. Postern logs a loud warning when this is on.
 * @param source the source interface.
 * @param resumable resumable uploads on the source side.
 * @param uploads limits every upload passes, through the form or resumable: per-source daily quotas, the disk
 *     reserve, and how many uploads stream at once.
 * @param console the investigators' console.
 * @param argon2 the Argon2id cost, for codenames and console passwords.
 * @param tor where tor's side of the two onion services is visible to Postern.
 * @param notifications optional content-free e-mail to investigators.
 * @param store where encrypted blobs are kept.
 */
@ConfigurationProperties("postern")
public record PosternProperties(
        @DefaultValue("./postern-data") Path dataDir,
        @DefaultValue("Postern") String organizationName,
        @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue("false") boolean allowNonLoopbackBind,
        @DefaultValue Source source,
        @DefaultValue Resumable resumable,
        @DefaultValue Uploads uploads,
        @DefaultValue Console console,
        @DefaultValue Argon2 argon2,
        @DefaultValue Tor tor,
        @DefaultValue Notifications notifications,
        @DefaultValue Store store) {

    /**
     * The source interface: reached only through the source onion service.
     *
     * @param port port of the source interface.
     * @param maxUploadBytes most one submission (message plus all files) may hold. A request declaring more than
     *     this plus 1 MiB is refused before it is read.
     * @param maxMessageBytes longest message text. It is held in memory while it is encrypted.
     * @param maxFilesPerSubmission most files in one submission.
     * @param sessionTimeout idle timeout of a source session. A session with an upload in progress does not
     *     expire under it.
     * @param codenameAttemptsPerMinute global budget of failed codename lookups, for all sources together.
     *     Logins wait their turn in order; a turn more than {@code argon2.max-wait} away gets the "busy" page.
     *     Creating a codename is not limited by it.
     * @param unsubmittedSourceLifetime how long a source that never sent anything is kept (rounded up to whole
     *     days, since source dates are kept to the day). Such sources are not shown in the inbox.
     * @param defaultLanguage language of the source interface until a source picks one: {@code en}, {@code ug},
     *     {@code zh-Hans}, {@code zh-Hant}, {@code bo}, {@code kk}, {@code ar}, {@code fa}, {@code ru}, {@code tr},
     *     {@code uk}, {@code es} or {@code fr}. Any other value stops start-up.
     * @param unixSocket a Unix domain socket the source interface listens on instead of {@code port}. Created
     *     {@code rw-rw----}; its group is that of its directory when the directory is set-group-ID, which is how
     *     deploy/ gives tor, and no one else, access. Unset: the TCP port on the bind address.
     */
    public record Source(
            @DefaultValue("8080") int port,
            @DefaultValue("2GB") DataSize maxUploadBytes,
            @DefaultValue("1MB") DataSize maxMessageBytes,
            @DefaultValue("100") int maxFilesPerSubmission,
            @DefaultValue("2h") Duration sessionTimeout,
            @DefaultValue("60") int codenameAttemptsPerMinute,
            @DefaultValue("24h") Duration unsubmittedSourceLifetime,
            @DefaultValue("en") String defaultLanguage,
            Path unixSocket) {

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

    /**
     * Resumable uploads (the tus protocol), offered by the upload page when the browser runs script. An upload
     * idle for {@code expiry} is dropped with its partial ciphertext.
     *
     * @param enabled offers resumable uploads on the upload page when the browser runs script.
     * @param maxUploadBytes largest file one resumable upload may hold.
     * @param expiry how long an unfinished upload may sit idle before it is dropped with its partial ciphertext.
     * @param maxOpenPerSource most unfinished uploads one source may have open at once.
     */
    public record Resumable(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20GB") DataSize maxUploadBytes,
            @DefaultValue("1h") Duration expiry,
            @DefaultValue("3") int maxOpenPerSource) {

        public Resumable {
            if (maxOpenPerSource < 1) {
                throw new IllegalArgumentException("postern.resumable.max-open-per-source must be at least 1");
            }
        }
    }

    /**
     * Limits every upload passes, whether it comes through the form or as a resumable upload. A refused upload
     * gets a calm page (or, for a resumable upload, the same sentence as the response body) and nothing of it is
     * kept. Quotas count the source's submissions recorded today (dates are kept to the day, in UTC) plus its
     * uploads in flight.
     *
     * @param submissionsPerSourcePerDay most submissions (each message and each file counts as one) one source
     *     may send in a day (UTC).
     * @param bytesPerSourcePerDay most bytes one source may send in a day (UTC), counted as stored (encrypted)
     *     for what was kept and as declared or received for uploads in flight.
     * @param diskReserve free space in the data directory that uploads never use: an upload that would leave
     *     less free is refused before anything is written, and one that brings free space below it while it
     *     streams is stopped and discarded. The reserve is the larger of this and {@code disk-reserve-percent}.
     * @param diskReservePercent the reserve as a percentage of the data directory's file system.
     * @param maxConcurrent most uploads (form submissions, resumable pieces) streaming at once, for all sources
     *     together. When every slot is taken, a new upload takes the slot of the slowest one that has averaged
     *     below {@code min-rate} for at least 5 s; otherwise it gets the calm "busy, try again shortly" page.
     * @param minRate the slowest any request body may arrive, in bytes a second, averaged over each
     *     {@code rate-window} of waiting for the client (on both sides; time the server spends between reads
     *     does not count). A body slower than that for a whole window is cut off, and an upload of it discarded
     *     (a resumable upload keeps what arrived). The default is far below what the slowest Tor circuits carry;
     *     it stops connections that trickle a few bytes to hold a request thread.
     * @param rateWindow the window {@code min-rate} is averaged over; the first window is the grace period of a
     *     new request.
     */
    public record Uploads(
            @DefaultValue("500") int submissionsPerSourcePerDay,
            @DefaultValue("50GB") DataSize bytesPerSourcePerDay,
            @DefaultValue("5GB") DataSize diskReserve,
            @DefaultValue("5") int diskReservePercent,
            @DefaultValue("32") int maxConcurrent,
            @DefaultValue("1KB") DataSize minRate,
            @DefaultValue("30s") Duration rateWindow) {

        public Uploads {
            if (submissionsPerSourcePerDay < 1 || maxConcurrent < 1) {
                throw new IllegalArgumentException(
                        "postern.uploads.submissions-per-source-per-day and max-concurrent must be at least 1");
            }
            if (diskReservePercent < 0 || diskReservePercent > 90) {
                throw new IllegalArgumentException("postern.uploads.disk-reserve-percent must be from 0 to 90");
            }
            if (rateWindow.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("postern.uploads.rate-window must be at least 1s");
            }
        }

        /** The reserve for a file system of {@code totalBytes}. */
        public long reserveBytes(long totalBytes) {
            return Math.max(diskReserve.toBytes(), totalBytes / 100 * diskReservePercent);
        }
    }

    /**
     * The investigators' review console: its own port and onion service.
     *
     * @param port port of the investigators' console.
     * @param sessionTimeout idle timeout of a console session. Console sessions also end at once when the
     *     account's password or second factor changes or the account is disabled.
     * @param webauthn security keys in the console.
     * @param loginFailuresPerMinute global budget of failed console logins across all accounts. When it is
     *     empty, every login fails with the usual message until it refills.
     * @param browserDecryption whether investigators may turn on reading and replying in the browser with a
     *     private key only the browser holds ("allowed" or "forbidden"); admins see who has it on. Downloads and
     *     gpg always work.
     * @param browserDecryptionMaxSize encrypted size above which the console does not decrypt a file in the
     *     browser and suggests gpg: OpenPGP.js holds the whole file in memory until its integrity check passes.
     * @param unixSocket a Unix domain socket the console listens on instead of {@code port}, so that only tor,
     *     through the console onion and its client authorization, can reach it: no other local user can connect.
     *     Created {@code rw-rw----}; its group is that of its directory when the directory is set-group-ID.
     *     Unset: the TCP port on the bind address, which any local process can reach.
     */
    public record Console(
            @DefaultValue("8081") int port,
            @DefaultValue("30m") Duration sessionTimeout,
            @DefaultValue WebAuthn webauthn,
            @DefaultValue("30") int loginFailuresPerMinute,
            @DefaultValue("allowed") BrowserDecryption browserDecryption,
            @DefaultValue("200MB") DataSize browserDecryptionMaxSize,
            Path unixSocket) {
    }

    /**
     * Whether investigators may opt in to reading and replying in the console with a private key held only by
     * their browser. Downloading and decrypting with gpg always works.
     */
    public enum BrowserDecryption {
        ALLOWED,
        FORBIDDEN
    }

    /**
     * Security keys in the console. Unset, the relying party is the console onion when tor has written its
     * hostname (origin {@code http://<onion>}), else {@code localhost} with origin
     * {@code http://localhost:<console port>} for local runs.
     *
     * @param rpId WebAuthn relying party id. Unset: the console onion's name, else {@code localhost}.
     * @param allowedOrigins allowed WebAuthn origins. Unset: {@code http://<rp-id>}, or
     *     {@code http://localhost:<port>}. Locally, security keys work only at {@code http://localhost:8081}, not
     *     at {@code 127.0.0.1}.
     */
    public record WebAuthn(
            String rpId,
            java.util.List<String> allowedOrigins) {
    }

    /**
     * Cost of the codename KDF; each running derivation holds {@code memoryKib} of heap. {@code maxWait} is long
     * enough that a burst of logins (16 at once take about 6 s on two cores) is served rather than refused.
     * Changing the cost, or losing the peppers, changes every derived value and locks every existing source out:
     * choose them once, before the first source arrives. Console password hashes carry their own parameters.
     *
     * @param memoryKib Argon2id memory cost per run, in KiB.
     * @param iterations Argon2id passes.
     * @param parallelism Argon2id lanes.
     * @param maxConcurrent most Argon2id runs at once, codename logins and console password checks together. 0
     *     means derive it: the smaller of 2 × CPUs and (max heap ÷ 4) ÷ memory cost, at least 1.
     * @param maxWait how long a run waits for a free slot. A source then gets the "busy" page; a console login
     *     fails with the usual message.
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
     *
     * @param sourceHostnameFile a readable copy of tor's {@code hostname} file for the source onion service. The
     *     source port answers only requests whose Host is this address or a loopback name; unset, it answers
     *     loopback names only, so requests through the onion get 421. Re-read on every request.
     * @param consoleHostnameFile the same for the console onion service and the console port. Device
     *     management needs it.
     * @param consoleAuthorizedClientsDir where device management writes one {@code <device>.auth} per
     *     investigator device, for the console onion's {@code authorized_clients/}. Postern always keeps a lock
     *     key there, so that removing the last device cannot make the console public.
     */
    public record Tor(
            Path sourceHostnameFile,
            Path consoleHostnameFile,
            Path consoleAuthorizedClientsDir) {
    }

    /**
     * Optional e-mail to investigators who opted in: "N new submissions", nothing more. Off by default. When on,
     * a batch runs every {@code interval} and mails only if something arrived since the last one. The server
     * connects to the SMTP server directly, not through Tor (docs/threat-model.md).
     *
     * @param enabled sends investigators who opted in an e-mail saying only "N new submissions". When on,
     *     {@code from-address} and {@code smtp.host} must be set or Postern does not start.
     * @param interval how often the notification batch runs; at least 1m.
     * @param fromAddress sender address. Required when notifications are on.
     * @param smtp the SMTP server.
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

    /**
     * The SMTP server notifications go through. With {@code starttls}, the upgrade is required, not tried.
     *
     * @param host SMTP server. Required when notifications are on.
     * @param port SMTP port.
     * @param username SMTP login; empty for none.
     * @param password SMTP password; printed as [REDACTED].
     * @param starttls requires STARTTLS: a server that cannot upgrade the connection gets no mail rather than
     *     plaintext.
     */
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

    /**
     * Where encrypted submissions and replies are kept: the data directory's {@code store/} (the default) or an
     * S3-compatible object store. Either way it holds ciphertext only.
     *
     * @param type {@code filesystem} keeps blobs under the data directory; {@code s3} keeps them in the bucket
     *     {@code s3.*} names. {@code java -jar postern.jar store migrate --to s3} copies existing blobs over.
     * @param s3 the S3-compatible object store, when {@code type} is {@code s3}.
     */
    public record Store(
            @DefaultValue("filesystem") StoreType type,
            @DefaultValue S3 s3) {

        public Store {
            if (type == StoreType.S3 && s3.bucket().isBlank()) {
                throw new IllegalArgumentException("postern.store.s3.bucket must be set when postern.store.type=s3");
            }
        }
    }

    /** Which blob store holds ciphertext. */
    public enum StoreType {
        FILESYSTEM,
        S3
    }

    /**
     * An S3-compatible object store (Ceph RGW, Garage, MinIO or a cloud provider). Unset keys come from the
     * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} environment variables. The object store sets
     * each object's Last-Modified time to the second (docs/threat-model.md).
     *
     * @param endpoint the store's URL, such as {@code https://s3.example.org}. Empty: the provider's default
     *     endpoint for {@code region}.
     * @param region signing region. Most self-hosted stores accept any value.
     * @param bucket bucket for Postern's blobs, used by nothing else. Required with {@code type=s3}.
     * @param pathStyle addresses the bucket in the path ({@code https://host/bucket/key}), as most self-hosted
     *     stores need, rather than as a host name.
     * @param accessKey access key id. Empty: {@code AWS_ACCESS_KEY_ID}.
     * @param secretKey secret access key; printed as [REDACTED]. Empty: read from {@code secret-key-file}, else
     *     {@code AWS_SECRET_ACCESS_KEY}.
     * @param secretKeyFile file holding the secret access key (surrounding white space is ignored), for keeping
     *     it out of the configuration and the environment.
     * @param partSize size of each part of a multipart upload, at least 8MB. Each upload in progress holds up to
     *     two parts in memory: one filling while the one before it is sent.
     */
    public record S3(
            @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("") String bucket,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            Path secretKeyFile,
            @DefaultValue("8MB") DataSize partSize) {

        public S3 {
            if (partSize.toBytes() < DataSize.ofMegabytes(8).toBytes() || partSize.toBytes() > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("postern.store.s3.part-size must be between 8MB and 1GB");
            }
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle="
                    + pathStyle + ", accessKey=" + accessKey + ", secretKey=[REDACTED], secretKeyFile="
                    + secretKeyFile + ", partSize=" + partSize + "]";
        }
    }

    public Path storeDir() {
        return dataDir.resolve("store");
    }

    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }
}
