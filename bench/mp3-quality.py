#!/usr/bin/env python3
"""MP3 quality beside its source (issue 23): SNR, segmental SNR, log-spectral distance, energy kept at 4-8 and 6-8 kHz
and the median band SNR per 32 ms frame, of decoded MP3s against the 16 kHz mono WAV they were made from.
Frames within 50 dB of the loudest count. Not a test. Needs numpy, sox and ffmpeg.
    bench/mp3-quality.py page.wav page-q5.mp3 page-q7.mp3
"""
import os, subprocess, sys, tempfile
import numpy as np


def raw(path, out):
    if path.endswith(".wav"):
        subprocess.run(["sox", path, "-t", "raw", out], check=True)
    else:
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", path, "-f", "s16le", "-ac", "1", "-ar", "16000", out], check=True)
    return np.fromfile(out, dtype="<i2").astype(np.float64)


def frames(x, n=512, hop=256):
    k = (len(x) - n) // hop
    idx = np.arange(n)[None, :] + hop * np.arange(k)[:, None]
    return x[idx] * np.hanning(n)


tmp = tempfile.mkdtemp()
src = raw(sys.argv[1], os.path.join(tmp, "src.raw"))
S = frames(src)
Ps = np.abs(np.fft.rfft(S, axis=1)) ** 2
active = 10 * np.log10(Ps.sum(1) + 1e-9) > 10 * np.log10(Ps.sum(1).max()) - 50
f = np.fft.rfftfreq(512, 1 / 16000)
for name in sys.argv[2:]:
    y = raw(name, os.path.join(tmp, "y.raw"))[:len(src)]
    err = y - src
    snr = 10 * np.log10((src ** 2).sum() / (err ** 2).sum())
    # segmental SNR over active frames
    E = frames(err); es = (S ** 2).sum(1); ee = (E ** 2).sum(1) + 1e-9
    seg = np.mean(np.clip(10 * np.log10(es[active] / ee[active]), -10, 35))
    Py = np.abs(np.fft.rfft(frames(y), axis=1)) ** 2
    band = (f > 100) & (f < 7800)
    d = 10 * np.log10(Py[active][:, band] + 1e-3) - 10 * np.log10(Ps[active][:, band] + 1e-3)
    # only bins where the source has energy (within 60 dB of the frame's peak), so silence in bins does not dominate
    m = 10 * np.log10(Ps[active][:, band] + 1e-3) > (10 * np.log10(Ps[active][:, band].max(1, keepdims=True)) - 60)
    lsd = np.sqrt((d ** 2 * m).sum(1) / m.sum(1)).mean()
    hi = lambda P, lo, hi_: P[active][:, (f >= lo) & (f < hi_)].sum() / P[active].sum()
    print(f"{name}: SNR {snr:.1f} dB, segmental SNR {seg:.1f} dB, log-spectral distance {lsd:.2f} dB, "
          f"energy 4-8 kHz {10*np.log10(hi(Py,4000,8000)):.1f} dB (source {10*np.log10(hi(Ps,4000,8000)):.1f}), "
          f"6-8 kHz {10*np.log10(hi(Py,6000,8000)):.1f} dB (source {10*np.log10(hi(Ps,6000,8000)):.1f})")
for name in sys.argv[2:]:
    y = raw(name, os.path.join(tmp, "y.raw"))[:len(src)]
    Pe = np.abs(np.fft.rfft(frames(y - src), axis=1)) ** 2
    out = []
    for lo, hi_ in [(0, 1000), (1000, 2000), (2000, 4000), (4000, 6000), (6000, 8000)]:
        b = (f >= lo) & (f < hi_)
        # per-frame band SNR over active frames, median
        r = 10 * np.log10(Ps[active][:, b].sum(1) / (Pe[active][:, b].sum(1) + 1e-9))
        out.append(f"{lo//1000}-{hi_//1000} kHz {np.median(r):.1f}")
    print(name, "median band SNR dB:", ", ".join(out))
