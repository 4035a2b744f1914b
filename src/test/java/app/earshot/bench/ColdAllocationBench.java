package app.earshot.bench;

import app.earshot.App;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.making.Maker;
import app.earshot.narration.Narrator;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.web.WebApp;
import io.javalin.Javalin;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Measurement, not a test: what a cold clip request allocates, beside its CPU and the collections it causes, in a
 * server wired as {@code earshot serve} wires it (background warming off). For each section of CONTENT, asks for each
 * of KINDS (wav, mp3, phone; the first asked rotates by section, so each kind is asked cold in turn) and prints one
 * line per request: kind, order (0: cold), bytes allocated by every thread of the JVM but this one, process CPU, young
 * and full collections, the SHA-256 of the body, and the voice's own CPU in the request (thread CPU inside FreeTTS) (the same bytes out, build against build). Compiled against a
 * build's jar alone (public API only), so two builds can be compared: see {@code bench/cold-alloc.sh}.
 *
 * <p>Usage: {@code ColdAllocationBench CONTENT CACHE KINDS}
 */
public final class ColdAllocationBench {
    private ColdAllocationBench() {}

    public static void main(String[] args) throws Exception {
        Path content = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        List<String> kinds = List.of(args[2].split(","));
        App.Content loaded = App.load(content);
        FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer();
        Maker maker = new Maker(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), 30_000, 64);
        Narrator narrator = App.narrator(cache, synthesizer, maker);
        SnapshotStore store = new SnapshotStore(App.snapshot(loaded));
        Javalin app = WebApp.builder(store, narrator).build().start("127.0.0.1", 0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long self = Thread.currentThread().getId();
        int index = 0;
        System.out.println("page\tkind\torder\tallocated\tcpu\tyoung\tfull\tsha256\tsynthesis");
        int pageNumber = 0;
        for (Page page : loaded.site().pages()) {
            pageNumber++;
            for (Section section : page.sections()) {
                int turn = index++ % kinds.size();
                List<String> order = new ArrayList<>(kinds.subList(turn, kinds.size()));
                order.addAll(kinds.subList(0, turn));
                for (int o = 0; o < order.size(); o++) {
                    String kind = order.get(o);
                    String path = switch (kind) {
                        case "wav" -> "/audio/" + page.slug() + "/" + section.id() + ".wav";
                        case "mp3" -> "/audio/" + page.slug() + "/" + section.id() + ".mp3";
                        case "phone" -> "/telephony/" + page.slug() + "/" + section.id() + ".wav";
                        default -> throw new IllegalArgumentException(kind);
                    };
                    long[] gcBefore = collections();
                    long allocBefore = allocated(threads) - threads.getThreadAllocatedBytes(self);
                    double synthesisBefore = narrator.recorder().synthesisCpuSeconds();
                    long cpuBefore = os.getProcessCpuTime();
                    byte[] body = get("http://127.0.0.1:" + app.port() + path);
                    long cpu = os.getProcessCpuTime() - cpuBefore;
                    long alloc = allocated(threads) - threads.getThreadAllocatedBytes(self) - allocBefore;
                    long[] gcAfter = collections();
                    double synthesis = narrator.recorder().synthesisCpuSeconds() - synthesisBefore;
                    System.out.printf(Locale.ROOT, "%d\t%s\t%d\t%d\t%.6f\t%d\t%d\t%s\t%.6f%n", pageNumber, kind, o, alloc, cpu / 1e9,
                            gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), synthesis);
                }
            }
        }
        app.stop();
        synthesizer.close();
        System.exit(0);
    }

    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) if (b > 0) sum += b;
        return sum;
    }

    /** Young and full collections so far (the serial collector's Copy and MarkSweepCompact; G1's young and old). */
    private static long[] collections() {
        long young = 0, full = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.contains("Copy") || name.contains("Young") || name.contains("Scavenge")) young += gc.getCollectionCount();
            else full += gc.getCollectionCount();
        }
        return new long[] {young, full};
    }

    private static byte[] get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setReadTimeout(120_000);
        if (c.getResponseCode() != 200) throw new IllegalStateException(url + ": " + c.getResponseCode());
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
