package app.earshot.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes exactly as given (no client-side escaping or validation) and reads the answer, with
 * a time bound: the tool for requests a well-behaved client library refuses to make.
 */
public final class RawHttp {
    public record Answer(int status, String head, String body, long millis) {}

    private RawHttp() {}

    public static Answer send(int port, byte[] request, int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before reading a huge request; read what it said.
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) > 0 && out.size() < 50_000_000) out.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                throw new IOException("no complete answer within " + timeoutMillis + " ms", e);
            } catch (IOException e) {
                // connection reset after the answer was sent
            }
            String text = out.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = -1;
            if (head.startsWith("HTTP/1.")) status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body, (System.nanoTime() - start) / 1_000_000);
        }
    }

    public static byte[] request(String method, String target, String... headers) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (String h : headers) sb.append(h).append("\r\n");
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
