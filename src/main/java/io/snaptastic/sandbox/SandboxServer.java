package io.snaptastic.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.snaptastic.support.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The JDK HTTP server on 127.0.0.1 only: the EC2 Query API at {@code /} and IMDS at {@code /latest}. */
final class SandboxServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static SandboxServer start(int port, HttpHandler ec2, HttpHandler imds) {
        // The JDK server writes headers and body apart; without TCP_NODELAY, Nagle's algorithm meets the
        // client's delayed ACK and adds ~40 ms to every answer, a latency neither EC2 nor IMDS has. The
        // server reads this once, when its first instance is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
            server.createContext("/", ec2);
            server.createContext("/latest", imds);
            // Injected latency sleeps in these threads; with few of them, 16 volumes' calls would queue
            // behind each other, a limit EC2 (which throttles by rate, not by concurrency) does not have.
            ExecutorService executor = Executors.newFixedThreadPool(64, Threads.numberedDaemons("sandbox-http"));
            server.setExecutor(executor);
            server.start();
            return new SandboxServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox cannot listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
