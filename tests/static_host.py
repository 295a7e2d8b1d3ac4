"""A plain static file server for the browser tests, in its own process: it serves ROOT and answers
every address under PREFIX that is not a file with PREFIX + "index.html", the one rule a
single-page app needs from a host. It sends no headers of its own (no policy, no caching rules),
like the simplest CDN.

    python3 static_host.py ROOT PREFIX PORT
"""
import http.server
import os
import sys

root, prefix, port = sys.argv[1], sys.argv[2], int(sys.argv[3])


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=root, **kwargs)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(prefix) and not os.path.isfile(self.translate_path(path)):
            if not os.path.isdir(self.translate_path(path)) or path != prefix:
                self.path = prefix + "index.html"
        return super().send_head()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
