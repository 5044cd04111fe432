package policykg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs a real Neo4j 5.26 Community database (embedded API) with its Bolt connector on 127.0.0.1.
 *
 * <pre>
 *   java -Xmx512m -jar policykg-neo4j-launcher.jar --data DIR --port 7687 [--password PW]
 *        [--pagecache 128m] [--no-stdin-watch]
 * </pre>
 *
 * Prints exactly one line {@code READY bolt://127.0.0.1:PORT} on stdout once the default database is
 * available. Shuts down cleanly on SIGTERM/SIGINT and, unless {@code --no-stdin-watch} is given, when its
 * standard input reaches end-of-file, so a parent that dies never leaves the database running.
 * Without a password authentication is disabled; with one ({@code --password} or the environment variable
 * {@code POLICYKG_NEO4J_LAUNCHER_PASSWORD}, at least 8 characters), user {@code neo4j} gets that password.
 */
public final class Launcher {

    /** Environment variable that may carry the password instead of --password. */
    static final String PASSWORD_ENV = "POLICYKG_NEO4J_LAUNCHER_PASSWORD";

    private static final long AVAILABLE_TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

    private Launcher() {
    }

    /** Command-line options. */
    record Options(Path data, int port, String password, long pageCacheBytes, boolean watchStdin) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(
                    "usage: java -jar policykg-neo4j-launcher.jar --data DIR --port PORT "
                            + "[--password PW] [--pagecache 128m] [--no-stdin-watch]");
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Throwable e) {
            // Neo4j may have started non-daemon threads: exit explicitly so a failed start never lingers.
            System.err.println("policykg-neo4j: failed to start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        Path data = null;
        int port = 7687;
        // The environment keeps the password out of `ps`; --password overrides it.
        String password = System.getenv(PASSWORD_ENV);
        if (password != null && password.isEmpty()) {
            password = null;
        }
        long pageCache = ByteUnit.mebiBytes(128);
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--password" -> password = value(args, ++i, arg);
                case "--pagecache" -> pageCache = parseBytes(value(args, ++i, arg));
                case "--no-stdin-watch" -> watchStdin = false;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        return new Options(data.toAbsolutePath(), port, password, pageCache, watchStdin);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got " + text);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port out of range: " + port);
        }
        return port;
    }

    private static long parseBytes(String text) {
        String t = text.trim().toLowerCase();
        long factor = 1;
        if (t.endsWith("k")) {
            factor = ByteUnit.kibiBytes(1);
        } else if (t.endsWith("m")) {
            factor = ByteUnit.mebiBytes(1);
        } else if (t.endsWith("g")) {
            factor = ByteUnit.gibiBytes(1);
        }
        String digits = factor == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pagecache must look like 128m, got " + text);
        }
    }

    static void run(Options options) throws IOException, InterruptedException {
        Files.createDirectories(options.data());
        DatabaseManagementService service = build(options);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shuttingDown = new AtomicBoolean(false);
        Runnable shutdown = () -> {
            if (shuttingDown.compareAndSet(false, true)) {
                System.err.println("policykg-neo4j: shutting down");
                service.shutdown();
                System.err.println("policykg-neo4j: stopped");
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "policykg-neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(AVAILABLE_TIMEOUT_MS)) {
            System.err.println("policykg-neo4j: database did not become available");
            System.exit(1);
        }
        if (options.password() != null) {
            setPassword(service, options.password());
        }
        System.out.println("READY bolt://127.0.0.1:" + options.port());
        System.out.flush();

        if (options.watchStdin()) {
            watchStdin();
            // stdin closed: the parent is gone or asked us to stop.
            System.exit(0);
        }
        stopped.await();
    }

    private static DatabaseManagementService build(Options options) {
        return new DatabaseManagementServiceBuilder(options.data())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port()))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, options.password() != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes())
                // A small test or desktop store: no 250 MB preallocated transaction logs.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Nothing leaves this machine.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // A transaction's timeout is checked this often (default 2 s): a statement given
                // 2 s stopped after up to 4 s; the API promises its timeout plus 1 s at most.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // Netty's default 5 s graceful quiet period (twice) would make every stop take 10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();
    }

    /** Give user neo4j the password and clear the "change password on first login" flag. */
    private static void setPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!mentions(e, "cannot be the same")) {
                throw e;
            }
            // A restart with the same password: it is already set, only clear the change flag.
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static boolean mentions(Throwable error, String text) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Block until standard input reaches end-of-file (or fails). */
    private static void watchStdin() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken stdin means the parent is gone, same as end-of-file.
        }
    }
}
