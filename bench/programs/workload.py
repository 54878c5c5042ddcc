# bench/programs/workload.py: the python3 workload, run as `python3.11 -S workload.py`.
# Integer, float, string, dict and sort work; prints deterministic results only
# (no set iteration, no hash-order dependence), so the output can be compared
# with bench/programs/workload.expected.


def integers():
    # sieve of Eratosthenes, big-integer arithmetic, and mixed integer ops
    n = 200000
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(range(i * i, n + 1, i)))
    primes = [i for i in range(n + 1) if sieve[i]]
    f = 1
    for i in range(2, 1500):
        f *= i
    acc = 0
    for i in range(300000):
        acc = (acc * 31 + (i ^ (i >> 3))) % 1000000007
    return len(primes), sum(primes) % 1000003, f % 1000000007, len(str(f)), acc


def floats():
    # midpoint-rule integration of 4/(1+x^2) and a damped recurrence
    n = 200000
    h = 1.0 / n
    s = 0.0
    for i in range(n):
        x = (i + 0.5) * h
        s += 4.0 / (1.0 + x * x)
    pi = s * h
    y, v = 1.0, 0.0
    for _ in range(100000):
        v = v * 0.999 - y * 0.001
        y = y + v * 0.01
    return repr(pi), repr(y), repr(round(pi * 1e6) / 1e6)


def strings():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    parts = []
    for i in range(60000):
        parts.append("%s-%d" % (words[i % 8], i * 7 % 1000))
    text = " ".join(parts)
    up = text.upper().replace("A-", "a_")
    count = up.count("a_") + text.count("eta")
    fields = text.split(" ")
    joined = ",".join(f[::-1] for f in fields[:1000])
    return len(text), count, len(fields), joined[:40], sum(map(len, fields)) % 9973


def dicts():
    counts = {}
    for i in range(200000):
        k = "k%d" % ((i * 2654435761) % 5003)
        counts[k] = counts.get(k, 0) + 1
    inv = {}
    for k, v in counts.items():
        inv.setdefault(v, []).append(k)
    top = sorted(inv.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]
    return len(counts), [(v, len(ks)) for v, ks in top], counts["k17"]


def sorting():
    x = 12345
    data = []
    for _ in range(100000):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        data.append((x % 1000, x))
    a = sorted(data)
    b = sorted(data, key=lambda t: (-t[0], t[1]))
    c = sorted(str(t[1]) for t in data[:20000])
    return a[0], a[-1], b[0], b[50000], c[:2], sum(t[0] for t in a[::997])


for name, fn in (("int", integers), ("float", floats), ("str", strings), ("dict", dicts),
                 ("sort", sorting)):
    print(name, fn())
