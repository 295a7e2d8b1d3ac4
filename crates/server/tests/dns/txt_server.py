"""A DNS server on loopback for the tests (dnslib, from PyPI), over UDP and TCP.

It answers TXT questions from a JSON file it reads at every question, so a test publishes or
removes a record by rewriting the file:

    {"txt": {"_org-area-challenge.example.com.": ["org-area-domain-verification=..."]},
     "servfail": ["_org-area-challenge.down.example."]}

A name not in the file is NXDOMAIN; a name under "servfail" fails as a broken server would.

    python txt_server.py ZONE.json PORT
"""

import json
import sys
import time

from dnslib import QTYPE, RCODE, RR, TXT
from dnslib.server import BaseResolver, DNSLogger, DNSServer


class ZoneFile(BaseResolver):
    def __init__(self, path):
        self.path = path

    def zone(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            # Being rewritten, or not written yet: nothing is published.
            return {}

    def resolve(self, request, handler):
        reply = request.reply()
        name = str(request.q.qname).lower()
        zone = self.zone()
        if name in zone.get("servfail", []):
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        records = zone.get("txt", {}).get(name)
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        if request.q.qtype in (QTYPE.TXT, QTYPE.ANY):
            for value in records:
                # A TXT string holds at most 255 bytes; a longer value is several strings.
                parts = [value[i : i + 255] for i in range(0, len(value), 255)] or [""]
                reply.add_answer(RR(name, QTYPE.TXT, rdata=TXT(parts), ttl=60))
        return reply


def main():
    path, port = sys.argv[1], int(sys.argv[2])
    quiet = DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data")
    servers = [
        DNSServer(ZoneFile(path), address="127.0.0.1", port=port, tcp=tcp, logger=quiet)
        for tcp in (False, True)
    ]
    for server in servers:
        server.start_thread()
    print("ready", flush=True)
    while all(server.isAlive() for server in servers):
        time.sleep(0.5)


if __name__ == "__main__":
    main()
