#!/usr/bin/env python3
"""Regenerates the example app's data files, deterministically (same bytes on every run):

  images/sample.ppm   a 256x192 binary PPM: colour gradients, a disc and a checkerboard band
  data/orders.csv     200 orders over five days in EUR, USD and GBP

Run from the repository root: python3 examples/generate.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def sample_image(width=256, height=192):
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            r = x * 255 // (width - 1)
            g = y * 255 // (height - 1)
            b = 128
            if (x - 180) ** 2 + (y - 70) ** 2 < 40 ** 2:
                r, g, b = 250, 220, 40
            elif 140 <= y < 172 and ((x // 8) + (y // 8)) % 2 == 0:
                r, g, b = 20, 20, 20
            pixels += bytes((r, g, b))
    return b"P6\n# bullpen example image\n%d %d\n255\n" % (width, height) + bytes(pixels)


def orders(count=200):
    # A Park-Miller generator: exact in any Python, no dependence on the random module's algorithm.
    state = 20261129

    def next_value(limit):
        nonlocal state
        state = state * 16807 % 2147483647
        return state % limit

    days = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]
    rows = []
    for index in range(count):
        day = days[index * len(days) // count]
        pick = next_value(10)
        currency = "EUR" if pick < 6 else "USD" if pick < 9 else "GBP"
        cents = 500 + next_value(24501)
        rows.append("%s,ord-%05d,%d,%s" % (day, 10001 + index, cents, currency))
    return "date,order_id,amount_cents,currency\n" + "\n".join(rows) + "\n"


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as handle:
        handle.write(data)


if __name__ == "__main__":
    write("images/sample.ppm", sample_image())
    write("data/orders.csv", orders().encode())
