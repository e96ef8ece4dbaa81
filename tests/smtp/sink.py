#!/usr/bin/env python3
"""A local SMTP sink for mamori's tests and bench (python3, asyncio only).

Accepts mail like a municipality's relay would and keeps it: each accepted
message is written as DIR/N.eml (N counts from 1, dot-stuffing undone, CRLF
line ends as received).  It answers replies in whole groups, as an RFC 2920
server does, so that a pipelining client is measured and not the sink.

  sink.py [--host 127.0.0.1] [--port 0] [--dir DIR] [--log FILE]
          [--no-pipelining] [--no-chunking] [--no-ehlo] [--refuse ADDR]... [--drop-after N]
          [--lax-data] [--silent] [--greeting LINE]... [--exit-with-parent]
          [--max-lifetime S]

--port 0 picks a free port; the port is printed as the first line on stdout.
--log FILE appends every command line received (not message content).
It offers PIPELINING and CHUNKING (RFC 3030: BDAT n [LAST]) as Postfix 3.4
and later do; --no-pipelining and --no-chunking take them away.  After a BDAT
refused for want of a recipient the transaction stays open (as some relays
do), so a client must RSET before its next MAIL.
--refuse ADDR answers RCPT TO:<ADDR> with 550.
--drop-after N closes the connection right after the N-th accepted message.
--no-ehlo answers EHLO with 502 (the client must fall back to HELO).
--lax-data answers DATA with 354 even without a recipient, then 554 after
  the content (a relay RFC 2920 3.1 warns clients about).
--silent accepts connections and never says anything (timeouts).
--greeting LINE replaces the 220 greeting (repeat for several lines; CRLF
  is added to each): "554 5.7.1 Access denied", or malformed replies.
--exit-with-parent stops when the process that started it is gone, and
--max-lifetime S after S seconds: a failed test never leaves a sink behind.
Stops on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import os
import signal
import sys


class Sink:
    def __init__(self, args):
        self.args = args
        self.accepted = 0
        self.refuse = {a.lower() for a in args.refuse}
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def note(self, line):
        if self.log:
            self.log.write(line + "\n")
            self.log.flush()

    def store(self, content):
        self.accepted += 1
        if self.args.dir:
            path = os.path.join(self.args.dir, "%d.eml" % self.accepted)
            with open(path, "wb") as f:
                f.write(content)
        return self.accepted


class Session(asyncio.Protocol):
    def __init__(self, sink):
        self.sink = sink
        self.buf = bytearray()
        self.in_data = False
        self.scan_from = 0
        self.bdat = None  # [bytes left, last] while a chunk is being read
        self.chunks = bytearray()
        self.reset()

    def reset(self):
        self.mail_from = None
        self.rcpts = []
        self.chunks = bytearray()

    def connection_made(self, transport):
        self.transport = transport
        if self.sink.args.greeting:
            transport.write(b"".join(g.encode("utf-8", "surrogateescape") + b"\r\n"
                                     for g in self.sink.args.greeting))
        elif not self.sink.args.silent:
            transport.write(b"220 sink.example ESMTP mamori test sink\r\n")

    def data_received(self, data):
        if self.sink.args.silent:
            return
        self.buf += data
        out = []
        closed = False
        while not closed:
            if self.bdat is not None:
                step = self.take_chunk(out)
            elif self.in_data:
                step = self.take_data(out)
            else:
                step = self.take_command(out)
            if step is None:
                break
            closed = step == "close"
        if out:
            self.transport.write(b"".join(out))
        if closed:
            self.transport.close()

    def take_data(self, out):
        if self.buf.startswith(b".\r\n"):
            end, content = 3, b""
        else:
            at = self.buf.find(b"\r\n.\r\n", max(self.scan_from - 4, 0))
            if at < 0:
                self.scan_from = len(self.buf)
                return None
            end, content = at + 5, bytes(self.buf[:at + 2])
        del self.buf[:end]
        self.in_data = False
        self.scan_from = 0
        if content.startswith(b".."):
            content = content[1:]
        content = content.replace(b"\r\n..", b"\r\n.")
        if not self.rcpts:
            out.append(b"554 5.5.1 Error: no valid recipients\r\n")
            self.reset()
            return "next"
        n = self.sink.store(content)
        self.reset()
        out.append(b"250 2.0.0 Ok: queued as %d\r\n" % n)
        drop = self.sink.args.drop_after
        if drop and self.sink.accepted >= drop:
            return "close"
        return "next"

    def take_chunk(self, out):
        left, last = self.bdat
        n = min(left, len(self.buf))
        self.chunks += self.buf[:n]
        del self.buf[:n]
        if n < left:
            self.bdat[0] = left - n
            return None
        self.bdat = None
        if self.mail_from is None:
            self.chunks = bytearray()
            out.append(b"503 5.5.1 Error: need MAIL command\r\n")
            return "next"
        if not self.rcpts:
            self.chunks = bytearray()
            out.append(b"554 5.5.1 Error: no valid recipients\r\n")
            return "next"
        if not last:
            out.append(b"250 2.0.0 Ok: %d octets\r\n" % n)
            return "next"
        n = self.sink.store(bytes(self.chunks))
        self.reset()
        out.append(b"250 2.0.0 Ok: queued as %d\r\n" % n)
        drop = self.sink.args.drop_after
        if drop and self.sink.accepted >= drop:
            return "close"
        return "next"

    def take_command(self, out):
        at = self.buf.find(b"\n")
        if at < 0:
            return None
        line = bytes(self.buf[:at]).rstrip(b"\r").decode("utf-8", "replace")
        del self.buf[:at + 1]
        self.sink.note(line)
        verb = line[:4].upper()
        if verb == "EHLO":
            if self.sink.args.no_ehlo:
                out.append(b"502 5.5.2 Error: command not recognized\r\n")
            else:
                ext = [b"250-sink.example", b"250-SIZE 10240000"]
                if not self.sink.args.no_pipelining:
                    ext.append(b"250-PIPELINING")
                if not self.sink.args.no_chunking:
                    ext.append(b"250-CHUNKING")
                ext.append(b"250 8BITMIME")
                out.append(b"\r\n".join(ext) + b"\r\n")
            self.reset()
        elif verb == "HELO":
            out.append(b"250 sink.example\r\n")
            self.reset()
        elif verb == "MAIL":
            if self.mail_from is not None:
                out.append(b"503 5.5.1 Error: nested MAIL command\r\n")
            elif not line.upper().startswith("MAIL FROM:<") or not line.endswith(">"):
                out.append(b"501 5.5.4 Syntax: MAIL FROM:<address>\r\n")
            else:
                self.mail_from = line[11:-1]
                out.append(b"250 2.1.0 Ok\r\n")
        elif verb == "RCPT":
            if self.mail_from is None:
                out.append(b"503 5.5.1 Error: need MAIL command\r\n")
            elif not line.upper().startswith("RCPT TO:<") or not line.endswith(">"):
                out.append(b"501 5.5.4 Syntax: RCPT TO:<address>\r\n")
            else:
                addr = line[9:-1]
                if addr.lower() in self.sink.refuse:
                    out.append(("550 5.1.1 <%s>: Recipient address rejected: User unknown\r\n"
                                % addr).encode())
                else:
                    self.rcpts.append(addr)
                    out.append(b"250 2.1.5 Ok\r\n")
        elif verb == "DATA":
            if self.mail_from is None:
                out.append(b"503 5.5.1 Error: need RCPT command\r\n")
            elif not self.rcpts and not self.sink.args.lax_data:
                out.append(b"554 5.5.1 Error: no valid recipients\r\n")
                self.reset()
            else:
                out.append(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                self.in_data = True
        elif verb == "BDAT" and not self.sink.args.no_chunking:
            parts = line.split()
            if (len(parts) not in (2, 3) or not parts[1].isdigit()
                    or (len(parts) == 3 and parts[2].upper() != "LAST")):
                out.append(b"501 5.5.4 Syntax: BDAT count [LAST]\r\n")
                return "close"  # the chunk's end is unknown: give up
            self.bdat = [int(parts[1]), len(parts) == 3]
        elif verb == "RSET":
            self.reset()
            out.append(b"250 2.0.0 Ok\r\n")
        elif verb == "NOOP":
            out.append(b"250 2.0.0 Ok\r\n")
        elif verb == "QUIT":
            out.append(b"221 2.0.0 Bye\r\n")
            return "close"
        else:
            out.append(b"502 5.5.2 Error: command not recognized\r\n")
        return "next"


async def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--dir")
    p.add_argument("--log")
    p.add_argument("--no-pipelining", action="store_true")
    p.add_argument("--no-chunking", action="store_true")
    p.add_argument("--no-ehlo", action="store_true")
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--drop-after", type=int, default=0)
    p.add_argument("--lax-data", action="store_true")
    p.add_argument("--silent", action="store_true")
    p.add_argument("--greeting", action="append", default=[])
    p.add_argument("--exit-with-parent", action="store_true")
    p.add_argument("--max-lifetime", type=float, default=0)
    args = p.parse_args()
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Session(sink), args.host, args.port)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    stop = loop.create_future()
    def finish():
        if not stop.done():
            stop.set_result(None)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, finish)
    if args.max_lifetime:
        loop.call_later(args.max_lifetime, finish)
    if args.exit_with_parent:
        parent = os.getppid()
        def watch():
            if os.getppid() != parent:
                finish()
            else:
                loop.call_later(0.5, watch)
        watch()
    await stop
    server.close()
    print("accepted %d" % sink.accepted, file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main())
