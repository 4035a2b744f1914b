package app.earshot.bench;

import app.earshot.App;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Narrator;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measurement, not a test: the narration half of {@code bench/narration.sh}, run on the test classpath.
 * Prints {@code key=value} lines for the script to read; all times are seconds.
 *
 * <ul>
 *   <li>{@code scripts CONTENT OUT}: writes each section's spoken script (what FreeTTS is given, lexicon applied) to
 *       {@code OUT/NN-<id>.txt} and the whole page to {@code OUT/page.txt}, so flite can speak the same words.</li>
 *   <li>{@code synth CONTENT SCRIPTS WAVS FLITE CACHE_PARENTS WARMUP RUNS}: in one warm JVM, RUNS rounds after WARMUP
 *       unrecorded ones, each timing the whole page: FreeTTS alone on every section script; the narrator's full path
 *       (synthesis, WAV, captions, fsync'd cache writes, page WAV) into a fresh cache under each of the
 *       comma-separated CACHE_PARENTS; and flite ({@code -voice kal16}) on the files in SCRIPTS, writing to WAVS.</li>
 *   <li>{@code serve CONTENT CACHE PORT}: the app exactly as {@code serve} wires it, bound to 127.0.0.1 only and
 *       without the background warmer; runs until killed.</li>
 * </ul>
 */
public final class NarrationBench {

    private static final int MAX_RUNS = 101;

    private NarrationBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("usage: scripts|synth|serve ...");
        switch (args[0]) {
            case "scripts" -> scripts(Path.of(args[1]), Path.of(args[2]));
            case "synth" -> synth(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4],
                    Arrays.stream(args[5].split(",")).map(Path::of).toList(), Integer.parseInt(args[6]),
                    runs(Integer.parseInt(args[7])));
            case "serve" -> serve(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void scripts(Path contentDir, Path out) throws Exception {
        App.Content content = App.load(contentDir);
        Page page = onlyPage(content);
        List<String> scripts = spokenScripts(content, page);
        Files.createDirectories(out);
        List<String> all = new ArrayList<>();
        int words = 0;
        for (int i = 0; i < page.sections().size(); i++) {
            Section section = page.sections().get(i);
            String spoken = scripts.get(i);
            Files.writeString(out.resolve(String.format(Locale.ROOT, "%02d-%s.txt", i + 1, section.id())),
                    spoken + "\n", StandardCharsets.UTF_8);
            all.add(spoken);
            words += spoken.split("\\s+").length;
        }
        Files.writeString(out.resolve("page.txt"), String.join("\n\n", all) + "\n", StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "page=%s%nsections=%d%nwords=%d%n", page.slug(), page.sections().size(), words);
        for (Section s : page.sections()) System.out.println("section_id=" + s.id());
    }

    /**
     * One JVM, rounds interleaved so that load from other processes hits every contender alike: per round, FreeTTS on
     * every section script, the narrator's full path into fresh cache folders, and flite on the same scripts (one
     * process per section, one process for the whole page, one process for one word to show its start-up).
     */
    private static void synth(Path contentDir, Path scriptDir, Path wavDir, String flite, List<Path> cacheParents,
                              int warmup, int runs) throws Exception {
        App.Content content = App.load(contentDir);
        Page page = onlyPage(content);
        VoiceSettings voice = new VoiceSettings(content.site().speech().voice(), content.site().speech().rate(),
                content.site().speech().pitch());
        List<String> scripts = spokenScripts(content, page);
        List<Path> sectionFiles;
        try (Stream<Path> files = Files.list(scriptDir)) {
            sectionFiles = files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.txt")).sorted().toList();
        }
        if (sectionFiles.size() != scripts.size()) {
            throw new IllegalStateException(scriptDir + " holds " + sectionFiles.size() + " section scripts, the page has "
                    + scripts.size() + "; run the scripts mode first");
        }
        Files.createDirectories(wavDir);

        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer()) {
            double[] audio = new double[1];
            double[] pageSeconds = new double[1];
            List<Contender> contenders = new ArrayList<>();
            contenders.add(new Contender("freetts_synth", () -> {
                double seconds = 0;
                for (String script : scripts) seconds += synthesizer.speak(script, voice).audio().seconds();
                audio[0] = seconds;
            }));
            for (int c = 0; c < cacheParents.size(); c++) {
                Path parent = cacheParents.get(c);
                contenders.add(new Contender("freetts_narrator_" + (c + 1), () -> {
                    Path cache = Files.createTempDirectory(parent, "earshot-bench-cache");
                    try {
                        Narrator narrator = App.narrator(cache, synthesizer);
                        new app.earshot.narration.Warmer(narrator, 0).page(App.snapshot(content).voicing(), page, () -> {});
                        pageSeconds[0] = narrator.clips().pageWav(App.snapshot(content).voicing(), page, app.earshot.content.Speed.NORMAL).seconds();
                    } finally {
                        deleteTree(cache);
                    }
                }));
            }
            contenders.add(new Contender("flite_sections", () -> {
                for (Path f : sectionFiles) flite(flite, "-f", f.toString(), wavDir.resolve(name(f) + ".wav"));
            }));
            contenders.add(new Contender("flite_page", () ->
                    flite(flite, "-f", scriptDir.resolve("page.txt").toString(), wavDir.resolve("page.wav"))));
            contenders.add(new Contender("flite_one_word", () ->
                    flite(flite, "-t", "Ready.", wavDir.resolve("one-word.wav"))));

            for (int i = 0; i < warmup; i++) {
                for (Contender c : contenders) c.pass.run();
            }
            for (int i = 0; i < runs; i++) {
                for (Contender c : contenders) {
                    long start = System.nanoTime();
                    c.pass.run();
                    c.seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            System.out.printf(Locale.ROOT, "warmup=%d%nruns=%d%n", warmup, runs);
            for (int c = 0; c < cacheParents.size(); c++) {
                System.out.printf(Locale.ROOT, "freetts_narrator_%d_dir=%s%n", c + 1, cacheParents.get(c));
            }
            for (Contender c : contenders) {
                double[] sorted = Arrays.copyOf(c.seconds, runs);
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%s_median=%.4f%n%s_min=%.4f%n%s_max=%.4f%n", c.name, median(sorted),
                        c.name, sorted[0], c.name, sorted[sorted.length - 1]);
            }
            System.out.printf(Locale.ROOT, "freetts_audio_seconds=%.3f%nfreetts_page_wav_seconds=%.3f%n", audio[0],
                    pageSeconds[0]);
            // The same round's times share that round's load from other processes, so their ratio is the steadier one.
            Contender synth = contenders.get(0);
            for (Contender reference : contenders) {
                if (!reference.name.equals("flite_sections") && !reference.name.equals("flite_page")) continue;
                double[] ratios = new double[runs];
                for (int i = 0; i < runs; i++) ratios[i] = synth.seconds[i] / reference.seconds[i];
                Arrays.sort(ratios);
                System.out.printf(Locale.ROOT, "ratio_synth_over_%s=%.4f%n", reference.name, median(ratios));
            }
        }
    }

    /** One thing being timed, with its wall time per measured round. */
    private static final class Contender {
        final String name;
        final Pass pass;
        final double[] seconds = new double[MAX_RUNS];

        Contender(String name, Pass pass) {
            this.name = name;
            this.pass = pass;
        }
    }

    private static void flite(String flite, String inputFlag, String input, Path wav) throws Exception {
        Process p = new ProcessBuilder(flite, "-voice", "kal16", inputFlag, input, "-o", wav.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int code = p.waitFor();
        if (code != 0) throw new IllegalStateException("flite exited with " + code + " on " + input);
    }

    private static String name(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static void serve(Path contentDir, Path cache, int port) throws Exception {
        App.Content content = App.load(contentDir);
        FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer();
        Narrator narrator = App.narrator(cache, synthesizer);
        Javalin app = App.create(new SnapshotStore(App.snapshot(content)), narrator).start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            synthesizer.close();
        }, "bench-shutdown"));
        System.out.println("listening=127.0.0.1:" + app.port());
    }

    private static int runs(int runs) {
        if (runs < 1 || runs > MAX_RUNS) throw new IllegalArgumentException("runs must be 1-" + MAX_RUNS + ": " + runs);
        return runs;
    }

    private interface Pass {
        void run() throws Exception;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Page onlyPage(App.Content content) {
        List<Page> pages = content.site().pages();
        if (pages.size() != 1) throw new IllegalStateException("the bench expects one page, found " + pages.size());
        return pages.get(0);
    }

    /** What the narrator gives the synthesizer for each section, in order; nothing is synthesized or cached. */
    private static List<String> spokenScripts(App.Content content, Page page) throws IOException {
        Path unused = Files.createTempDirectory("earshot-scripts");
        try {
            Narrator narrator = App.narrator(unused, unusedSynthesizer());
            return page.sections().stream().map(s -> App.snapshot(content).voicing().script(page, s).spoken()).toList();
        } finally {
            deleteTree(unused);
        }
    }

    /** Scripts never synthesize; a synthesizer that would fail loudly keeps that honest. */
    private static Synthesizer unusedSynthesizer() {
        return new Synthesizer() {
            @Override public Speech speak(String script, VoiceSettings voice) {
                throw new IllegalStateException("reading scripts must not synthesize");
            }
            @Override public String engineId() { return FreeTtsSynthesizer.ENGINE_ID; }
            @Override public void close() { }
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
