#!/usr/bin/python3
"""A real SMTP server for the mail tests and bench, on 127.0.0.1 (aiosmtpd).

Saves every accepted message as DIR/NNNNNN-PID.eml (written beside, then
renamed: a file there is complete) and logs every connection and every RCPT
and DATA answer as a JSON line in DIR/log.jsonl, so tests can count
connections and attempts as well as arrivals.

  smtp_sink.py --dir DIR --port-file FILE [--refuse ADDR]... [--defer ADDR]...
               [--drop-at-rcpt ADDR]... [--drop-after-data ADDR]...
               [--auth USER PASSWORD_FILE] [--tls CERT KEY] [--lifetime S]

--refuse answers RCPT for ADDR with 550, --defer with 451. --drop-at-rcpt
closes the connection instead of answering RCPT for ADDR, once.
--drop-after-data saves the first message for ADDR and then closes the
connection without answering: the client cannot know it arrived (what a
crash between the server's acceptance and the client's bookkeeping
looks like from the client). --auth requires
AUTH (PLAIN or LOGIN) with these credentials before MAIL; --tls offers
STARTTLS and requires it. --port-file receives the port once the server
listens (port 0 is asked of the kernel: tests never collide). The server
stops on its own after --lifetime seconds (default 600) or as soon as the
process that started it is gone, so a crashed test leaves nothing running.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, refused, deferred, drop_at_rcpt, drop_after_data):
        self.folder = folder
        self.refused = {a.lower() for a in refused}
        self.deferred = {a.lower() for a in deferred}
        self.drop_at_rcpt = {a.lower() for a in drop_at_rcpt}
        self.drop_after_data = {a.lower() for a in drop_after_data}
        self.count = 0
        self.log = open(os.path.join(folder, "log.jsonl"), "a", buffering=1, encoding="utf-8")

    def note(self, **fields):
        self.log.write(json.dumps(fields) + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.drop_at_rcpt:
            self.drop_at_rcpt.discard(key)
            self.note(event="rcpt", address=address, answer="(connection closed)")
            server.transport.close()
            return "421 4.3.0 closing (test)"  # never reaches the client
        if key in self.refused:
            answer = "550 5.1.1 <%s>: recipient refused (test)" % address
        elif key in self.deferred:
            answer = "451 4.3.0 <%s>: try again later (test)" % address
        else:
            envelope.rcpt_tos.append(address)
            answer = "250 OK"
        self.note(event="rcpt", address=address, answer=answer)
        return answer

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%06d-%d.eml" % (self.count, os.getpid())
        temp = os.path.join(self.folder, "." + name + ".part")
        with open(temp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(temp, os.path.join(self.folder, name))
        self.note(event="data", file=name, mail_from=envelope.mail_from, rcpt=envelope.rcpt_tos)
        dropped = [a for a in envelope.rcpt_tos if a.lower() in self.drop_after_data]
        if dropped:
            self.drop_after_data.difference_update(a.lower() for a in dropped)
            server.transport.close()  # the message is kept; its 250 never leaves
        return "250 2.0.0 OK: queued as %s" % name


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535
    return authenticate


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = Sink(args.dir, args.refuse, args.defer, args.drop_at_rcpt, args.drop_after_data)
    options = {"hostname": "sink.test", "data_size_limit": 16 * 1024 * 1024}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        with open(args.auth[1], encoding="utf-8") as f:
            password = f.read().rstrip("\r\n")
        options.update(auth_required=True, auth_require_tls=bool(args.tls),
                       authenticator=authenticator_for(args.auth[0], password))
    loop = asyncio.get_running_loop()

    class CountedSMTP(SMTP):  # logs each connection: tests check that one carries many messages
        def connection_made(self, transport):
            handler.note(event="connect")
            super().connection_made(transport)

    server = await loop.create_server(lambda: CountedSMTP(handler, **options), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    temp = args.port_file + ".part"
    with open(temp, "w", encoding="utf-8") as f:
        f.write("%d\n" % port)
    os.rename(temp, args.port_file)
    parent = os.getppid()
    deadline = loop.time() + args.lifetime
    while loop.time() < deadline and os.getppid() == parent:
        await asyncio.sleep(0.2)
    server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--defer", action="append", default=[])
    parser.add_argument("--drop-at-rcpt", action="append", default=[])
    parser.add_argument("--drop-after-data", action="append", default=[])
    parser.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD_FILE"))
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--lifetime", type=float, default=600)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
