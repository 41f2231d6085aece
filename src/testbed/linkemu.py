#!/usr/bin/env python3
"""Userspace link emulator for the gridauth testbed.

Why this exists: the testbed needs per-link delay, jitter, loss and (one-way) partitions between
network namespaces. The usual tool is `tc qdisc ... netem`, but the kernels the project runs on
(the development machine and CI) ship without sch_netem, sfq/fq and the tc classifiers, and have
no iptables/nft either. TUN devices do work, so this process plays the wire:

  * it opens one TUN device per host (IFF_TUN | IFF_NO_PI: raw IP packets), moves it into the
    host's namespace (`ip link set tunX netns NS`; the fd stays here) and gives it 10.77.0.<i>/24;
  * every IPv4 packet a host sends to 10.77.0.<j> comes out of host i's TUN fd here; it is dropped
    (partition or loss) or queued and written to host j's TUN fd after the link's delay;
  * rules change at run time over a Unix control socket, one JSON object per line:
      {"op": "link", "from": [1, 2], "to": [3], "delay": 5, "jitter": 1, "loss": 0.01}
      {"op": "block", "from": [1], "to": [2, 3]}     one-way: 1 -> 2 and 1 -> 3 dropped
      {"op": "unblock", "from": [1], "to": [2, 3]}
      {"op": "reset"}                                 every link back to the defaults
      {"op": "stats"}                                 packets forwarded / dropped per cause
    "from"/"to" may be "*" (every host). Each request gets one JSON line back.

Delay is uniform in [delay - jitter, delay + jitter] ms, per packet; packets of one directed link
keep their order (a later packet never overtakes an earlier one), like netem over a FIFO. Loss is
independent per packet. Non-IPv4 packets (IPv6 router solicitations) are dropped. Timing is only as
good as this process's scheduling on the host: on a loaded machine add a few ms.

Usage: linkemu.py --ns NAME1,NAME2,... --control SOCK [--subnet 10.77.0] [--seed N] [--tag tb]
Prints {"ready": true, ...} on stdout once every device is up; exits on SIGTERM/SIGINT or when
stdin closes (so it never outlives the runner that started it).
"""
import argparse
import fcntl
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def sh(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def open_tun(name):
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class Link:
    __slots__ = ('delay', 'jitter', 'loss', 'blocked', 'last')

    def __init__(self, d):
        self.delay, self.jitter, self.loss, self.blocked = d['delay'], d['jitter'], d['loss'], False
        self.last = 0.0


class Emulator:
    def __init__(self, namespaces, subnet, tag, seed):
        self.n = len(namespaces)
        self.subnet = subnet
        self.rand = random.Random(seed)
        self.defaults = {'delay': 0.0, 'jitter': 0.0, 'loss': 0.0}
        self.links = {}
        self.fds = {}      # host index (1-based) -> tun fd
        self.by_fd = {}
        self.queue = []    # (due, seq, dst fd, packet)
        self.seq = 0
        self.stats = {'forwarded': 0, 'lost': 0, 'blocked': 0, 'unroutable': 0, 'dropped_non_ipv4': 0, 'write_errors': 0}
        for i, ns in enumerate(namespaces, start=1):
            name = f'{tag}{i}'[:15]
            fd = open_tun(name)
            sh('ip', 'link', 'set', name, 'netns', ns)
            sh('ip', '-n', ns, 'addr', 'add', f'{subnet}.{i}/24', 'dev', name)
            sh('ip', '-n', ns, 'link', 'set', name, 'up')
            sh('ip', '-n', ns, 'link', 'set', 'lo', 'up')
            self.fds[i] = fd
            self.by_fd[fd] = i

    def link(self, s, d):
        key = (s, d)
        l = self.links.get(key)
        if l is None:
            l = self.links[key] = Link(self.defaults)
        return l

    def hosts(self, v):
        if v == '*' or v is None:
            return list(range(1, self.n + 1))
        return [int(x) for x in v]

    def control(self, req):
        op = req.get('op')
        if op == 'link':
            for s in self.hosts(req.get('from')):
                for d in self.hosts(req.get('to')):
                    if s == d:
                        continue
                    l = self.link(s, d)
                    for k in ('delay', 'jitter', 'loss'):
                        if k in req:
                            setattr(l, k, float(req[k]))
            return {'ok': True}
        if op in ('block', 'unblock'):
            for s in self.hosts(req.get('from')):
                for d in self.hosts(req.get('to')):
                    if s != d:
                        self.link(s, d).blocked = op == 'block'
            return {'ok': True}
        if op == 'reset':
            self.links.clear()
            return {'ok': True}
        if op == 'stats':
            return {'ok': True, 'stats': self.stats, 'queued': len(self.queue)}
        return {'ok': False, 'error': f'unknown op {op!r}'}

    def on_packet(self, src, pkt):
        if len(pkt) < 20 or pkt[0] >> 4 != 4:
            self.stats['dropped_non_ipv4'] += 1
            return
        dst_ip = pkt[16:20]
        dst = dst_ip[3]
        if '.'.join(str(b) for b in dst_ip[:3]) != self.subnet or dst not in self.fds:
            self.stats['unroutable'] += 1
            return
        l = self.links.get((src, dst))
        if l is None:
            self.send(self.fds[dst], pkt)
            return
        if l.blocked:
            self.stats['blocked'] += 1
            return
        if l.loss > 0 and self.rand.random() < l.loss:
            self.stats['lost'] += 1
            return
        delay = l.delay + (self.rand.uniform(-l.jitter, l.jitter) if l.jitter > 0 else 0.0)
        if delay <= 0:
            self.send(self.fds[dst], pkt)
            return
        due = max(time.monotonic() + delay / 1000.0, l.last)
        l.last = due
        self.seq += 1
        heapq.heappush(self.queue, (due, self.seq, self.fds[dst], pkt))

    def send(self, fd, pkt):
        try:
            os.write(fd, pkt)
            self.stats['forwarded'] += 1
        except OSError:
            self.stats['write_errors'] += 1

    def flush(self):
        now = time.monotonic()
        while self.queue and self.queue[0][0] <= now:
            _, _, fd, pkt = heapq.heappop(self.queue)
            self.send(fd, pkt)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ns', required=True)
    ap.add_argument('--control', required=True)
    ap.add_argument('--subnet', default='10.77.0')
    ap.add_argument('--tag', default='tb')
    ap.add_argument('--seed', type=int, default=None)
    a = ap.parse_args()
    namespaces = a.ns.split(',')
    if len(namespaces) > 250:
        sys.exit('at most 250 hosts in one /24')
    emu = Emulator(namespaces, a.subnet, a.tag, a.seed)

    if os.path.exists(a.control):
        os.unlink(a.control)
    ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ctl.bind(a.control)
    os.chmod(a.control, 0o600)
    ctl.listen(8)
    ctl.setblocking(False)
    clients = {}  # socket -> buffer

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print(json.dumps({'ready': True, 'hosts': emu.n, 'subnet': a.subnet, 'pid': os.getpid()}), flush=True)

    poll = select.poll()
    for fd in emu.fds.values():
        poll.register(fd, select.POLLIN)
    poll.register(ctl.fileno(), select.POLLIN)
    poll.register(sys.stdin.fileno(), select.POLLIN | select.POLLHUP)
    socks = {ctl.fileno(): ctl}
    while not stop:
        timeout = None
        if emu.queue:
            timeout = max(0.0, (emu.queue[0][0] - time.monotonic()) * 1000.0)
        try:
            events = poll.poll(timeout)
        except InterruptedError:
            continue
        for fd, ev in events:
            if fd in emu.by_fd:
                src = emu.by_fd[fd]
                for _ in range(64):  # drain a burst, then serve the others
                    try:
                        pkt = os.read(fd, 65536)
                    except BlockingIOError:
                        break
                    emu.on_packet(src, pkt)
            elif fd == ctl.fileno():
                conn, _ = ctl.accept()
                conn.setblocking(False)
                clients[conn] = b''
                socks[conn.fileno()] = conn
                poll.register(conn.fileno(), select.POLLIN | select.POLLHUP)
            elif fd == sys.stdin.fileno():
                if not os.read(fd, 4096):
                    stop.append(1)
            elif fd in socks:
                conn = socks[fd]
                try:
                    data = conn.recv(65536)
                except BlockingIOError:
                    continue
                if not data:
                    poll.unregister(fd)
                    del socks[fd]
                    del clients[conn]
                    conn.close()
                    continue
                buf = clients[conn] + data
                while b'\n' in buf:
                    line, buf = buf.split(b'\n', 1)
                    try:
                        reply = emu.control(json.loads(line))
                    except Exception as e:  # a bad request never stops the wire
                        reply = {'ok': False, 'error': str(e)}
                    conn.setblocking(True)
                    conn.sendall((json.dumps(reply) + '\n').encode())
                    conn.setblocking(False)
                clients[conn] = buf
        emu.flush()
    os.unlink(a.control)


if __name__ == '__main__':
    main()
