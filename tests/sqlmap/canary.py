#!/usr/bin/env python3
"""A deliberately injectable endpoint, the control for tests/sqlmap/run.sh:
sqlmap, run with the same options as against mamori, must find this one, or
the options are too weak to mean anything.  Listens on 127.0.0.1:PORT
(argv[1]) and answers GET /items?q=... from an in-memory SQLite table whose
query is built by string concatenation."""
import http.server
import sqlite3
import sys
import urllib.parse

db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")
db.executemany("INSERT INTO items (name) VALUES (?)", [("apple",), ("banana",), ("cherry",)])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        q = query.get("q", [""])[0]
        try:
            rows = db.execute("SELECT name FROM items WHERE name LIKE '%" + q + "%'").fetchall()
            body, status = ",".join(r[0] for r in rows).encode(), 200
        except sqlite3.Error as e:
            body, status = str(e).encode(), 500
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
