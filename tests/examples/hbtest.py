"""Shared helpers for the process-level tests of the hopebox command.

Every test script is run as  python3 SCRIPT PATH/TO/hopebox  (CTest passes
the built program). Processes run on 127.0.0.1 only, servers on port 0
(they print the port they got), every wait is bounded, and every process
started is killed at exit. A script prints one line per check and ends
with "N passed, M failed"; its exit status is 1 when a check failed.
"""
import atexit
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOPEBOX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
TMP = tempfile.mkdtemp(prefix="hopebox-test-")
_procs = []
_counts = {"passed": 0, "failed": 0}
_serial = [0]
_start = time.monotonic()


def _cleanup():
    for p in _procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    if _counts["failed"] == 0:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print("logs kept in", TMP)


atexit.register(_cleanup)
signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))


def need_program():
    if HOPEBOX is None or not os.access(HOPEBOX, os.X_OK):
        print("usage: %s PATH/TO/hopebox" % sys.argv[0])
        sys.exit(2)


def check(cond, what, detail=""):
    if cond:
        _counts["passed"] += 1
        print("ok   %5.2f s  %s" % (time.monotonic() - _start, what))
    else:
        _counts["failed"] += 1
        print("FAIL " + what + (("\n     " + detail.replace("\n", "\n     ")) if detail else ""))
    return cond


def report(name):
    print("%s: %d passed, %d failed" % (name, _counts["passed"], _counts["failed"]))
    sys.exit(1 if _counts["failed"] else 0)


def path(name):
    return os.path.join(TMP, name)


class Proc:
    """One hopebox process; stdout and stderr go to files in TMP."""

    def __init__(self, args, stdin=None, name=None):
        _serial[0] += 1
        self.name = "%s-%d" % (name or args[0], _serial[0])
        self.outpath = path(self.name + ".out")
        self.errpath = path(self.name + ".err")
        self.args = args
        with open(self.outpath, "wb") as out, open(self.errpath, "wb") as err:
            self.p = subprocess.Popen(
                [HOPEBOX] + args,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=out, stderr=err)
        _procs.append(self.p)
        if isinstance(stdin, (bytes, str)):
            self.p.stdin.write(stdin.encode() if isinstance(stdin, str) else stdin)
            self.p.stdin.close()

    def send(self, text):
        self.p.stdin.write(text.encode())
        self.p.stdin.flush()

    def close_stdin(self):
        self.p.stdin.close()

    def out(self):
        with open(self.outpath, "rb") as f:
            return f.read().decode(errors="replace")

    def err(self):
        with open(self.errpath, "rb") as f:
            return f.read().decode(errors="replace")

    def logs(self):
        return "%s %s\nstdout:\n%s\nstderr:\n%s" % (
            self.name, " ".join(self.args), self.out(), self.err())

    def wait_for(self, pattern, where="err", timeout=10.0):
        """The first match of pattern in stderr (or stdout), or None after
        timeout or when the process ended without it."""
        end = time.monotonic() + timeout
        while True:
            text = self.err() if where == "err" else self.out()
            m = re.search(pattern, text)
            if m:
                return m
            if time.monotonic() > end:
                return None
            if self.p.poll() is not None:
                text = self.err() if where == "err" else self.out()
                return re.search(pattern, text)
            time.sleep(0.02)

    def port(self, timeout=10.0):
        m = self.wait_for(r"listening on 127\.0\.0\.1:(\d+)", timeout=timeout)
        if m is None:
            raise RuntimeError("no 'listening on' line from " + self.logs())
        return int(m.group(1))

    def finish(self, timeout=20.0):
        """Exit status, or None (and the process killed) after timeout."""
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(5)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


def run(args, stdin=b"", timeout=30.0):
    """Run hopebox to completion: (status, stdout bytes, stderr text)."""
    try:
        r = subprocess.run([HOPEBOX] + args, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", "timed out after %g s" % timeout
    return r.returncode, r.stdout, r.stderr.decode(errors="replace")


def one_error_line(err, cmd):
    """The program's error convention: the last stderr line is
    'hopebox CMD: ...' (a single line for the error itself)."""
    lines = [l for l in err.splitlines() if l.strip()]
    return bool(lines) and lines[-1].startswith("hopebox %s: " % cmd)


def session_ids(text):
    return re.findall(r"session ([0-9a-f]{64})", text)


class UdpProxy:
    """A UDP relay on 127.0.0.1 between one client and a server, in a
    thread; hooks decide what is forwarded:
        to_server(datagram) / to_client(datagram) -> list of datagrams
    and inject(datagram) sends one more datagram to the server from the
    relay's address (the client's address as the server sees it)."""

    def __init__(self, server_port, to_server=None, to_client=None):
        self.server = ("127.0.0.1", server_port)
        self.to_server = to_server or (lambda d: [d])
        self.to_client = to_client or (lambda d: [d])
        self.front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.front.bind(("127.0.0.1", 0))
        self.back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.back.bind(("127.0.0.1", 0))
        self.port = self.front.getsockname()[1]
        self.client = None
        self.stop_flag = False
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def inject(self, datagram):
        self.back.sendto(datagram, self.server)

    def _loop(self):
        import select
        while not self.stop_flag:
            r, _, _ = select.select([self.front, self.back], [], [], 0.05)
            for s in r:
                data, addr = s.recvfrom(70000)
                if s is self.front:
                    self.client = addr
                    for d in self.to_server(data):
                        self.back.sendto(d, self.server)
                elif self.client is not None:
                    for d in self.to_client(data):
                        self.front.sendto(d, self.client)

    def close(self):
        self.stop_flag = True
        self.thread.join(2)
        self.front.close()
        self.back.close()


def flip(datagram, index=-1):
    """A copy of datagram with one bit flipped (the last byte by default)."""
    b = bytearray(datagram)
    b[index] ^= 0x01
    return bytes(b)
