#!/usr/bin/env python3
"""When the jobs of a worker launch finish, polled finely: the spread that the peer harness cannot show.

The peer harness (../shared/bench/peers) polls for completions every 50 ms, so its wall times are whole
numbers of polls (about 51 ms each): 20,000 jobs read 55,700 jobs/s or 48,800, nothing between. This
script runs the benchmark adapter's worker launch on a prefilled queue against a private redis-server,
polls the adapter's probe every few milliseconds, and prints per repetition: the first completion, the
times at which 25/50/75/100% of the jobs were done (ms after the spawn), the rate between 25% and 75%,
and Redis's and the workers' share of a core over that steady part (read from /proc in 10 ms clock
ticks: coarse for 20,000 jobs, use --jobs 100000 for those).

    scripts/bench-peers.sh --phases limits --reps 1     # builds the adapter (static runtime), once
    scripts/bench-finish-times.py                       # 2 processes x 10, inline handlers, 5 runs
    scripts/bench-finish-times.py --processes 1 --no-inline --jobs 100000 --reps 3

Needs only Python 3 and redis-server; the adapter comes from .build-peers (or --adapter).
"""
import argparse, json, os, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def command(sock, reader, *args):
    """Sends one command and reads its reply (integers, bulk strings and status lines are enough here)."""
    out = [b'*%d\r\n' % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        out.append(b'$%d\r\n%s\r\n' % (len(data), data))
    sock.sendall(b''.join(out))
    line = reader.readline()
    kind, rest = line[:1], line[1:-2]
    if kind == b'-':
        raise RuntimeError(rest.decode())
    if kind == b':':
        return int(rest)
    if kind == b'$':
        size = int(rest)
        return None if size < 0 else reader.read(size + 2)[:-2]
    return rest


def cpu_seconds(pid):
    """User and system CPU of a process (0 once it is gone)."""
    try:
        fields = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError):
        return 0.0


def children(pid):
    found = []
    try:
        for task in os.listdir('/proc/%d/task' % pid):
            found += [int(c) for c in open('/proc/%d/task/%s/children' % (pid, task)).read().split()]
    except OSError:
        pass
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--adapter', default=os.path.join(ROOT, '.build-peers/release/bullpen-peer-adapter'))
    parser.add_argument('--processes', type=int, default=2)
    parser.add_argument('--concurrency', type=int, default=10)
    parser.add_argument('--no-inline', dest='inline', action='store_false', help='default workers')
    parser.add_argument('--jobs', type=int, default=20000)
    parser.add_argument('--reps', type=int, default=5)
    parser.add_argument('--poll-ms', type=float, default=5.0)
    options = parser.parse_args()
    if not os.access(options.adapter, os.X_OK):
        sys.exit('bench-finish-times: no adapter at %s (build it: scripts/bench-peers.sh --phases limits --reps 1)'
                 % options.adapter)

    folder = tempfile.mkdtemp(prefix='bullpen-finish-times-')
    probe_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe_socket.bind(('127.0.0.1', 0))
    port = probe_socket.getsockname()[1]
    probe_socket.close()
    redis = subprocess.Popen(['redis-server', '--port', str(port), '--bind', '127.0.0.1', '--save', '',
                              '--appendonly', 'no', '--dir', folder], stdout=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                sock = socket.create_connection(('127.0.0.1', port))
                break
            except OSError:
                time.sleep(0.02)
        else:
            sys.exit('bench-finish-times: redis-server did not answer on port %d' % port)
        reader = sock.makefile('rb')
        env = dict(os.environ, REDIS_URL='redis://127.0.0.1:%d/0' % port, BENCH_QUEUE='bench')
        info = json.loads(subprocess.check_output([options.adapter, 'info'], env=env).decode().strip().splitlines()[-1])
        probe = command(sock, reader, 'SCRIPT', 'LOAD', info['probe_lua']).decode()
        work = [options.adapter, 'work', '--processes', str(options.processes), '--concurrency',
                str(options.concurrency)] + (['--inline'] if options.inline else [])
        n = options.jobs
        print('%d x %d%s, %d jobs, polled every %.1f ms; times in ms after the spawn'
              % (options.processes, options.concurrency, ' inline' if options.inline else '', n, options.poll_ms))
        for rep in range(options.reps):
            command(sock, reader, 'FLUSHALL')
            subprocess.check_call([options.adapter, 'enqueue', str(n), '--bulk'], env=env, stdout=subprocess.DEVNULL)
            time.sleep(0.5)
            start = time.perf_counter()
            launch = subprocess.Popen(work, env=env, start_new_session=True)
            marks, cpu, first = {}, {}, None
            while True:
                done = command(sock, reader, 'EVALSHA', probe, 0, n)
                now = (time.perf_counter() - start) * 1000
                if done and first is None:
                    first = now
                for share in (0.25, 0.5, 0.75, 1.0):
                    if done >= share * n and share not in marks:
                        marks[share] = now
                        pids = [launch.pid] + children(launch.pid)
                        cpu[share] = (sum(cpu_seconds(p) for p in pids), cpu_seconds(redis.pid))
                if done >= n:
                    break
                time.sleep(options.poll_ms / 1000)
            os.killpg(launch.pid, signal.SIGTERM)
            launch.wait()
            steady = (marks[0.75] - marks[0.25]) / 1000
            workers = (cpu[0.75][0] - cpu[0.25][0]) / steady
            server = (cpu[0.75][1] - cpu[0.25][1]) / steady
            print('run %d: first %.1f, 25%% %.0f, 50%% %.0f, 75%% %.0f, all %.0f; %.0f jobs/s between 25%% and 75%%'
                  ' (Redis %.2f of a core, workers %.2f); %.0f jobs/s over the whole run'
                  % (rep + 1, first, marks[0.25], marks[0.5], marks[0.75], marks[1.0], n * 0.5 / steady,
                     server, workers, n / (marks[1.0] / 1000)), flush=True)
    finally:
        redis.terminate()
        redis.wait()
        subprocess.run(['rm', '-rf', folder])


if __name__ == '__main__':
    main()
