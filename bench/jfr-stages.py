#!/usr/bin/env python3
"""Counts a JFR recording's samples per warm stage (issue 23): each Java execution sample (jdk.ExecutionSample) and
each sample of a thread inside native code (jdk.NativeMethodSample: libmp3lame through JNA) is counted once, under the
first stage found walking its stack from the top; then the samples per thread, and the compiler's and collector's own
totals. Usage: bench/jfr-stages.py RECORDING.jfr   (needs the JDK's `jfr` on the PATH)."""
import collections, re, subprocess, sys

# First match from the top of the stack wins; order matters where one stage calls another.
STAGES = [
    ("MP3 encoding (libmp3lame through JNA)", ("LibMp3Lame", "com.sun.jna")),
    ("MP3 encoding (jump3r)", ("de.sciss.jump3r",)),
    ("Page MP3 join", ("Mp3Join",)),
    ("True-peak limiter (its interpolation included)", ("TruePeakLimiter", "LoudnessMeter.interSamplePeak")),
    ("Loudness meter (K-weighting)", ("LoudnessMeter",)),
    ("Loudness normaliser (gain, rounding, arrays)", ("LoudnessNormaliser",)),
    ("Synthesis (FreeTTS)", ("com.sun.speech.freetts", "FreeTts")),
    ("Store (SHA-256, records, writes)", ("app.earshot.store", "sun.security.provider.SHA", "MessageDigest")),
    ("WAV encode, page WAV copy", ("app.earshot.audio.Wav", "Recorder.page", "Recorder.copyData")),
    ("Captions (cues JSON)", ("Captions", "Captioner", "jackson")),
    ("Content load and check", ("app.earshot.content", "app.earshot.snapshot", "commonmark", "snakeyaml")),
    ("Class loading, start-up", ("ClassLoader", "java.lang.invoke", "jdk.internal.loader")),
]


def events(recording, kind):
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", kind, recording],
                          check=True, capture_output=True, text=True).stdout
    for block in text.split(kind + " {")[1:]:
        thread = re.search(r'(?:sampledThread|eventThread) = "([^"]*)"', block)
        frames = re.findall(r"^\s{4}(\S[^\n]*?)(?: line: \d+)?$", block, re.M)
        yield (thread.group(1) if thread else "?"), frames


def stage_of(frames):
    for frame in frames:
        for name, marks in STAGES:
            if any(m in frame for m in marks):
                return name
    return "Everything else"


def main(recording):
    per_stage = collections.Counter()
    per_thread = collections.Counter()
    total = 0
    for kind in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        for thread, frames in events(recording, kind):
            # A thread parked or waiting in native code (epoll, futex, a sleep) is not spending CPU.
            if kind == "jdk.NativeMethodSample" and not any(m in f for f in frames[:8] for m in ("LibMp3Lame", "com.sun.jna.Native.invoke", "lame")):
                continue
            total += 1
            per_stage[stage_of(frames)] += 1
            per_thread[re.sub(r"[-#]?\d+$", "", thread)] += 1
    print(f"{total} samples (Java execution + threads inside libmp3lame)")
    print("| Stage | Samples | Share |\n|---|---:|---:|")
    for name, count in per_stage.most_common():
        print(f"| {name} | {count} | {100.0 * count / total:.1f}% |")
    print("\n| Thread (sampled, Java and native) | Samples |\n|---|---:|")
    for name, count in per_thread.most_common(8):
        print(f"| {name} | {count} |")
    text = subprocess.run(["jfr", "print", "--events", "jdk.CompilerStatistics", recording],
                          check=True, capture_output=True, text=True).stdout
    last = text.split("jdk.CompilerStatistics {")[-1]
    for field in ("compileCount", "totalTimeSpent", "nmethodsSize"):
        m = re.search(field + r" = ([^\n]+)", last)
        if m:
            print(f"compiler {field}: {m.group(1).strip()}")
    text = subprocess.run(["jfr", "print", "--events", "jdk.GarbageCollection", recording],
                          check=True, capture_output=True, text=True).stdout
    pauses = [float(x) for x in re.findall(r"sumOfPauses = ([\d.]+) ms", text)]
    names = collections.Counter(re.findall(r'name = "([^"]+)"', text))
    print(f"collections: {sum(names.values())} ({dict(names)}), pauses {sum(pauses):.0f} ms in all")
    text = subprocess.run(["jfr", "print", "--events", "jdk.ThreadCPULoad", recording],
                          check=True, capture_output=True, text=True).stdout
    load = collections.defaultdict(float)
    for block in text.split("jdk.ThreadCPULoad {")[1:]:
        thread = re.search(r'eventThread = "([^"]*)"', block)
        user = re.search(r"user = ([\d.]+)%", block)
        system = re.search(r"system = ([\d.]+)%", block)
        if thread and user and system:
            load[re.sub(r"[-#]?\d+$", "", thread.group(1))] += float(user.group(1)) + float(system.group(1))
    if load:
        print("summed jdk.ThreadCPULoad (% of one period, by thread name):",
              ", ".join(f"{k} {v:.0f}" for k, v in sorted(load.items(), key=lambda kv: -kv[1])[:8]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
