#!/usr/bin/env python3
"""Designs the telephone low-pass (audio/Telephony.FOLDED_TAPS) and prints its taps and response.

Minimax by linear programming: the largest gain from 4 to 8 kHz is minimised, with the gain held within +-0.05 dB from
0 to 3 kHz, between -0.6 and +0.05 dB from 3 to 3.4 kHz, and exactly 1 at DC (a symmetric FIR of TAPS taps at 16 kHz;
frequencies on a grid of 400 + 120 + 800 points). Needs numpy and scipy (HiGHS).
    bench/telephone-filter.py [TAPS]      (default 75)
"""
import sys
import numpy as np
from scipy.optimize import linprog
from scipy.signal import freqz

FS = 16000


def design(taps, ripple_db=0.05, edge_db=-0.6, flat_hz=3000, band_hz=3400, stop_hz=4000):
    delay = (taps - 1) // 2

    def rows(f):
        c = np.cos(2 * np.pi * np.outer(f, np.arange(delay + 1)) / FS)
        c[:, 1:] *= 2
        return c

    flat, edge, stop = rows(np.linspace(0, flat_hz, 400)), rows(np.linspace(flat_hz, band_hz, 120)), rows(np.linspace(stop_hz, FS / 2, 800))
    hi, lo, edge_lo = 10 ** (ripple_db / 20), 10 ** (-ripple_db / 20), 10 ** (edge_db / 20)
    zero = lambda m: np.zeros((len(m), 1))
    a_ub = np.vstack([np.hstack([flat, zero(flat)]), np.hstack([-flat, zero(flat)]), np.hstack([edge, zero(edge)]),
                      np.hstack([-edge, zero(edge)]), np.hstack([stop, -np.ones((len(stop), 1))]),
                      np.hstack([-stop, -np.ones((len(stop), 1))])])
    b_ub = np.concatenate([np.full(len(flat), hi), np.full(len(flat), -lo), np.full(len(edge), hi),
                           np.full(len(edge), -edge_lo), np.zeros(2 * len(stop))])
    cost = np.zeros(delay + 2)
    cost[-1] = 1
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=np.hstack([rows(np.array([0.0])), [[0]]]), b_eq=[1.0],
                     bounds=[(None, None)] * (delay + 2), method="highs")
    assert result.status == 0, result.message
    return result.x[:delay + 1]  # centre tap, then the taps 1..delay either side


if __name__ == "__main__":
    taps = int(sys.argv[1]) if len(sys.argv) > 1 else 75
    folded = design(taps)
    h = np.concatenate([folded[:0:-1], folded])
    f = np.arange(0, FS / 2 + 0.01, 0.1)
    db = 20 * np.log10(np.abs(freqz(h, worN=f, fs=FS)[1]))
    print(f"{taps} taps: 0-3000 Hz {db[f <= 3000].min():+.4f}..{db[f <= 3000].max():+.4f} dB, 3000-3400 Hz "
          f"{db[(f >= 3000) & (f <= 3400)].min():+.4f}..{db[(f >= 3000) & (f <= 3400)].max():+.4f} dB, "
          f"4000-8000 Hz at most {db[f >= 4000].max():.2f} dB")
    print(",\n".join(", ".join(repr(float(v)) for v in folded[i:i + 4]) for i in range(0, len(folded), 4)))
