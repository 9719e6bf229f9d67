package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postern.testing.ConsoleAccounts.Person;

/**
 * One running Postern per test class, started before the class's {@code @BeforeAll} and stopped after its
 * {@code @AfterAll}. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PosternServerExtension POSTERN = PosternServerExtension.withSettings("--postern.x=y").recipientKey();
 * </pre>
 *
 * Test, {@code @BeforeAll} and {@code @BeforeEach} methods then ask for what they need as parameters:
 * {@link PosternTestServer}, {@link TestClock}, {@link ConsoleAccounts}, {@link GnuPG}, {@link InvestigatorKey},
 * a {@link Person} marked {@link Admin} or {@link Investigator}. People are made on first request, through the
 * real setup and invitation pages, and are logged in; the same name gives the same person for the whole class.
 */
public final class PosternServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    static final String FIRST_ADMIN = "ada";
    private final List<String> settings;
    private final List<Supplier<List<String>>> lateSettings = new ArrayList<>();
    private boolean recipientKey;
    private final List<BiConsumer<PosternTestServer, GnuPG>> beforeStart = new ArrayList<>();
    private String sourceOnion;
    private String consoleOnion;
    private boolean authorizedClients;
    private Path torDir;

    private PosternTestServer server;
    private GnuPG gpg;
    private InvestigatorKey key;
    private ConsoleAccounts accounts;
    private final Map<String, Person> people = new LinkedHashMap<>();

    private PosternServerExtension(List<String> settings) {
        this.settings = new ArrayList<>(settings);
    }

    /** A server in a fresh data dir; {@code settings} are extra {@code --postern.*=...} arguments. */
    public static PosternServerExtension withSettings(String... settings) {
        return new PosternServerExtension(Arrays.asList(settings));
    }

    /** Argon2id at its shipped cost instead of the tests' cheap default. */
    public PosternServerExtension shippedKdf() {
        settings.addAll(PosternTestServer.SHIPPED_KDF);
        return this;
    }

    /** Settings computed when the class starts, e.g. paths of files the supplier writes first. */
    public PosternServerExtension settingsFrom(Supplier<List<String>> more) {
        lateSettings.add(more);
        return this;
    }

    /**
     * Notifications on, sent without TLS to an SMTP server on loopback at the port {@code smtpPort} gives when the
     * class starts; batches every 6 hours, so that a test that runs the batch itself is never raced by the schedule.
     */
    public PosternServerExtension mailTo(IntSupplier smtpPort) {
        settings.addAll(List.of("--postern.notifications.enabled=true",
                "--postern.notifications.smtp.host=127.0.0.1",
                "--postern.notifications.smtp.starttls=false",
                "--postern.notifications.from-address=postern@desk.example",
                "--postern.notifications.interval=6h"));
        return settingsFrom(() -> List.of("--postern.notifications.smtp.port=" + smtpPort.getAsInt()));
    }

    /** A Curve25519 investigator key made by gpg and added with {@code recipients add} before the start. */
    public PosternServerExtension recipientKey() {
        recipientKey = true;
        return this;
    }

    /** Tor's hostname files for both sides, as tor would have written them, so each side knows its onion name. */
    public PosternServerExtension onions(String sourceOnion, String consoleOnion) {
        this.sourceOnion = sourceOnion;
        this.consoleOnion = consoleOnion;
        return this;
    }

    /** With {@link #onions}: the console's {@code authorized_clients} directory, under {@link #torDir()}. */
    public PosternServerExtension authorizedClients() {
        authorizedClients = true;
        return this;
    }

    /** The directory holding the hostname files and {@code authorized_clients}. */
    public Path torDir() {
        return require(torDir);
    }

    /** Runs operator commands (for example {@code recipients add} of the test's own keys) before the start. */
    public PosternServerExtension beforeStart(BiConsumer<PosternTestServer, GnuPG> commands) {
        beforeStart.add(commands);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> all = new ArrayList<>(settings);
        if (sourceOnion != null) {
            all.addAll(torFiles());
        }
        lateSettings.forEach(s -> all.addAll(s.get()));
        server = PosternTestServer.inFreshDataDir(all.toArray(String[]::new));
        try {
            if (recipientKey) {
                key = new InvestigatorKey(OperatorKeys.add(server, gpg(), "Investigator <inv@example.org>"), gpg());
            }
            beforeStart.forEach(c -> c.accept(server, gpg()));
            server.start();
            accounts = new ConsoleAccounts(server);
        } catch (RuntimeException e) {
            afterAll(context);
            throw e;
        }
    }

    private List<String> torFiles() {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
            torDir = Files.createTempDirectory(root, "tor");
            Files.writeString(torDir.resolve("source-hostname"), sourceOnion + "\n");
            Files.writeString(torDir.resolve("console-hostname"), consoleOnion + "\n");
            List<String> tor = new ArrayList<>(List.of(
                    "--postern.tor.source-hostname-file=" + torDir.resolve("source-hostname"),
                    "--postern.tor.console-hostname-file=" + torDir.resolve("console-hostname")));
            if (authorizedClients) {
                tor.add("--postern.tor.console-authorized-clients-dir="
                        + Files.createDirectories(torDir.resolve("authorized_clients")));
            }
            return tor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (gpg != null) {
                gpg.close();
            }
            server = null;
            gpg = null;
            torDir = null;
            key = null;
            accounts = null;
            people.clear();
        }
    }

    public PosternTestServer server() {
        return require(server);
    }

    public ConsoleAccounts accounts() {
        return require(accounts);
    }

    /** The class's gpg home, made on first use and removed after the class. */
    public synchronized GnuPG gpg() {
        if (gpg == null) {
            gpg = GnuPG.create();
        }
        return gpg;
    }

    public InvestigatorKey investigatorKey() {
        if (key == null) {
            throw new IllegalStateException("ask for recipientKey() when registering the extension");
        }
        return key;
    }

    /** The logged-in admin of this name (the first admin when it is the first asked for). */
    public synchronized Person admin(String name) {
        Person admin = people.get(name);
        if (admin == null) {
            admin = FIRST_ADMIN.equals(name) ? accounts().setUpFirstAdmin(name)
                    : accounts().invite(admin(FIRST_ADMIN), "ADMIN", name);
            logIn(admin);
            people.put(name, admin);
        }
        return admin;
    }

    /** The logged-in investigator of this name, invited by the first admin. */
    public synchronized Person investigator(String name) {
        Person investigator = people.get(name);
        if (investigator == null) {
            investigator = accounts().invite(admin(FIRST_ADMIN), "INVESTIGATOR", name);
            logIn(investigator);
            people.put(name, investigator);
        }
        return investigator;
    }

    private static void logIn(Person person) {
        Page home = ConsoleAccounts.logIn(person);
        if (!"/".equals(home.path())) {
            throw new IllegalStateException(person.username() + " could not log in: " + home.text());
        }
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("the server runs only between the class's first and last test");
        }
        return value;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == Person.class) {
            return parameter.isAnnotated(Admin.class) || parameter.isAnnotated(Investigator.class);
        }
        return type == PosternTestServer.class || type == TestClock.class || type == ConsoleAccounts.class
                || type == GnuPG.class || type == InvestigatorKey.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == Person.class) {
                return parameter.findAnnotation(Admin.class).map(a -> admin(a.value()))
                        .orElseGet(() -> investigator(parameter.findAnnotation(Investigator.class).orElseThrow()
                                .value()));
            }
            if (type == PosternTestServer.class) {
                return server();
            }
            if (type == TestClock.class) {
                return server().clock();
            }
            if (type == ConsoleAccounts.class) {
                return accounts();
            }
            if (type == GnuPG.class) {
                return gpg();
            }
            return investigatorKey();
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("cannot provide " + parameter.getParameter(), e);
        }
    }
}
