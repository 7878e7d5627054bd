package org.hebb.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads one file over HTTP(S) with {@link HttpClient}, verified by its MD5 checksum before
 * it is kept.
 *
 * <p>The body streams into a temporary file beside the target (its MD5 computed on the way),
 * which is flushed to disk and renamed into place only when the number of bytes matches the
 * server's {@code Content-Length} and the checksum matches the expected one. A transfer cut
 * short, a corrupt file, an HTTP error or a file larger than {@link #MAX_BYTES} leaves nothing
 * behind and fails with an {@link IOException} naming the URL and the problem (expected vs.
 * received bytes, expected vs. computed MD5). Redirects are followed (not from HTTPS to HTTP);
 * proxies come from the JVM's default {@link ProxySelector} ({@code -Dhttp.proxyHost=...}).
 */
public final class Download {
    /** Largest file accepted (1 GiB): a guard against a runaway or hostile server. */
    public static final long MAX_BYTES = 1L << 30;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private Download() {}

    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault() != null ? ProxySelector.getDefault() : HttpClient.Builder.NO_PROXY)
                .build();
    }

    /**
     * Downloads {@code url} to {@code target} (its parent directories created), keeping it only
     * if its MD5 is {@code expectedMd5} (32 hex digits, any case). An existing target is replaced
     * only by a verified file.
     *
     * @throws IOException naming the URL when the download fails, is cut short or does not match
     */
    public static void fetch(URI url, String expectedMd5, Path target) throws IOException {
        String want = checkMd5(expectedMd5);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        boolean kept = false;
        try {
            HttpResponse<InputStream> response = send(url);
            long received = 0;
            long declared;
            MessageDigest md5 = md5();
            try (InputStream in = response.body();
                    FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                if (response.statusCode() != 200) {
                    throw new IOException(url + ": download failed: HTTP status " + response.statusCode()
                            + " (expected 200)");
                }
                declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > MAX_BYTES) {
                    throw new IOException(url + ": server announces " + declared + " bytes, more than the limit of "
                            + MAX_BYTES);
                }
                byte[] buf = new byte[1 << 16];
                int r;
                while (true) {
                    try {
                        r = in.read(buf);
                    } catch (IOException e) {
                        throw new IOException(url + ": transfer cut after " + received + " bytes"
                                + (declared >= 0 ? " of " + declared + " expected" : "") + " (" + e.getMessage() + ")", e);
                    }
                    if (r < 0) {
                        break;
                    }
                    received += r;
                    if (received > MAX_BYTES) {
                        throw new IOException(url + ": more than the limit of " + MAX_BYTES + " bytes received");
                    }
                    md5.update(buf, 0, r);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                if (declared >= 0 && received != declared) {
                    throw new IOException(url + ": incomplete transfer: expected " + declared + " bytes, received "
                            + received);
                }
                out.force(true);
            }
            String got = HexFormat.of().formatHex(md5.digest());
            if (!got.equals(want)) {
                throw new IOException(url + ": MD5 mismatch: expected " + want + ", got " + got + " (" + received
                        + " bytes received); the file was not kept");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static HttpResponse<InputStream> send(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
        try {
            return Client.INSTANCE.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(url + ": download interrupted");
        } catch (IOException e) {
            throw new IOException(url + ": download failed (" + e + ")", e);
        }
    }

    /** The MD5 of a file, as 32 lower-case hex digits. */
    public static String md5(Path file) throws IOException {
        MessageDigest md5 = md5();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                md5.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static String checkMd5(String md5) {
        if (md5 == null || !md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("Download: expected an MD5 checksum of 32 hex digits, got " + md5);
        }
        return md5.toLowerCase(Locale.ROOT);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5 digest, which every Java platform must provide", e);
        }
    }
}
