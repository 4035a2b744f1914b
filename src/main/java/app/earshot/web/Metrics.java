package app.earshot.web;

import app.earshot.narration.Recorder;
import app.earshot.store.ArtifactStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters exposed at {@code /metrics} in the Prometheus text format. */
public final class Metrics {
    private final Recorder narrator;
    private final ArtifactStore store;
    private final LongAdder audioBytes = new LongAdder();
    private final LongAdder fastPathResponses = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();

    public Metrics(Recorder narrator, ArtifactStore store) {
        this.narrator = narrator;
        this.store = store;
    }

    void fastPathAnswered() {
        fastPathResponses.increment();
    }

    void audioServed(long bytes) {
        audioBytes.add(bytes);
    }

    void request(String route, int status) {
        // Route patterns, not raw paths, so hostile URLs cannot grow this map without bound.
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    }

    String render() {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "earshot_syntheses_total", "Sections synthesized by FreeTTS.", narrator.syntheses());
        out.append("# HELP earshot_synthesis_seconds_total Wall-clock seconds spent synthesizing.\n")
                .append("# TYPE earshot_synthesis_seconds_total counter\n")
                .append("earshot_synthesis_seconds_total ").append(narrator.synthesisSeconds()).append('\n');
        out.append("# HELP earshot_synthesis_cpu_seconds_total CPU seconds the synthesizing threads spent synthesizing.\n")
                .append("# TYPE earshot_synthesis_cpu_seconds_total counter\n")
                .append("earshot_synthesis_cpu_seconds_total ").append(narrator.synthesisCpuSeconds()).append('\n');
        out.append("# HELP earshot_mp3_encode_seconds_total Wall-clock seconds spent encoding MP3.\n")
                .append("# TYPE earshot_mp3_encode_seconds_total counter\n")
                .append("earshot_mp3_encode_seconds_total ").append(narrator.mp3EncodeSeconds()).append('\n');
        ArtifactStore.Counts counts = store.counts();
        counter(out, "earshot_audio_cache_hits_total", "Audio cache lookups answered from the cache.", counts.hits());
        counter(out, "earshot_audio_cache_misses_total", "Audio cache lookups that had to produce the file.", counts.misses());
        counter(out, "earshot_artifacts_failed_verification_total", "Stored files found damaged and discarded.",
                store.health().failedVerification());
        counter(out, "earshot_fast_path_responses_total", "Responses answered from prepared bytes before routing.",
                fastPathResponses.sum());
        counter(out, "earshot_audio_bytes_served_total", "Bytes of audio sent to clients.", audioBytes.sum());
        out.append("# HELP earshot_http_requests_total HTTP requests by route pattern and status.\n")
                .append("# TYPE earshot_http_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        requests.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            out.append("earshot_http_requests_total{route=\"").append(escape(parts[0])).append("\",status=\"")
                    .append(parts[1]).append("\"} ").append(v).append('\n');
        });
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
