#!/usr/bin/env python3
"""Writes a network model (docs/netcheck.md) of a large municipality for
bench/netcheck.sh: 40 segments in the three zones and a DMZ, HOSTS hosts
(terminals, servers, printers, relays, 無害化装置), RULES firewall rules, most
of them host to host as real rule bases are.  Deterministic (seeded).
Usage: netcheck_gen.py HOSTS RULES OUT.json"""
import json
import random
import sys

hosts_n, rules_n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(8)
zones = [("mn", "mynumber", 6), ("lg", "lgwan", 16), ("inet", "internet", 14), ("dmz", "dmz", 2), ("mgmt", "other", 2)]
model = {
    "municipality": "ベンチ市", "model": "beta",
    "external_check": {"date": "2026-03-01", "by": "外部監査法人"},
    "zones": [{"id": z, "name": z, "area": a} for z, a, _ in zones],
    "segments": [], "hosts": [], "links": [],
    "peers": [
        {"id": "juki", "kind": "juki", "addresses": ["172.16.10.0/28"]},
        {"id": "chukan", "kind": "chukan", "addresses": ["172.16.20.0/28"]},
        {"id": "conv", "kind": "convenience", "addresses": ["172.16.30.0/28"]},
        {"id": "lgwan", "kind": "lgwan", "addresses": ["172.31.0.0/16"]},
        {"id": "asp", "kind": "lgwan-asp", "addresses": ["172.30.0.0/16"]},
        {"id": "cloud", "kind": "security-cloud", "addresses": ["198.51.100.0/24"]},
        {"id": "internet", "kind": "internet"},
    ],
}
segs = {}  # zone -> [segment ids]
n = 0
for zi, (z, area, count) in enumerate(zones):
    segs[z] = []
    for k in range(count):
        sid = f"{z}-s{k}"
        model["segments"].append({"id": sid, "zone": z, "cidr": [f"10.{zi * 40 + k}.0.0/20"]})
        segs[z].append(sid)
fw = {z: {"name": f"fw-{z}", "default": "deny", "rules": []} for z, _, _ in zones}
# every segment hangs off its zone's first segment (the core) through the zone's firewall
for z, _, _ in zones:
    for sid in segs[z][1:]:
        model["links"].append({"a": segs[z][0], "b": sid, "firewall": f"fw-{z}"})
for p, z in (("juki", "mn"), ("chukan", "mn"), ("conv", "mn"), ("lgwan", "lg"), ("asp", "lg"), ("cloud", "inet"), ("cloud", "dmz")):
    model["links"].append({"a": segs[z][0], "b": p, "firewall": f"fw-{z}"})
model["links"].append({"a": "cloud", "b": "internet"})

by_zone = {z: [] for z in segs}
servers = {z: [] for z in segs}
counter = {}
def add_host(seg, role, extra=None, also=None):
    z = seg.split("-s")[0]
    counter[seg] = counter.get(seg, 10) + 1
    i = counter[seg]
    zi = [x[0] for x in zones].index(z)
    k = int(seg.split("-s")[1])
    name = f"{seg}-h{i}"
    h = {"name": name, "segment": seg, "addresses": [f"10.{zi * 40 + k}.{i // 250}.{i % 250 + 1}"], "role": role}
    if also:
        h["also_in"] = also
        h["addresses"] += extra
    model["hosts"].append(h)
    by_zone[z].append(name)
    if role == "server":
        servers[z].append(name)
    return name
# the relays first: a 無害化装置 and a 画面転送装置 with a leg in each side
san = add_host("inet-s1", "sanitizer", ["10.40.15.1"], ["lg-s0"])
vdi = add_host("inet-s1", "screen-transfer", ["10.40.15.2"], ["lg-s0"])
relay = add_host("lg-s1", "relay")
wsus = add_host("lg-s2", "update-server")
www = add_host("dmz-s1", "public-server")
allsegs = [s for z in segs for s in segs[z]]
while len(model["hosts"]) < hosts_n:
    seg = rnd.choice(allsegs)
    r = rnd.random()
    add_host(seg, "server" if r < 0.1 else "printer" if r < 0.15 else "terminal")

rid = 0
# the few rules that matter for the zones
fw["mn"]["rules"].append({"id": "mn-juki", "action": "allow", "from": servers["mn"][0], "to": "juki", "protocol": "tcp", "ports": "443", "specific": True})
fw["mn"]["rules"].append({"id": "mn-chukan", "action": "allow", "from": servers["mn"][0], "to": "chukan", "protocol": "tcp", "ports": "443", "specific": True})
fw["lg"]["rules"].append({"id": "lg-lgwan", "action": "allow", "from": "lg", "to": "lgwan", "protocol": "tcp", "ports": "25,443"})
fw["lg"]["rules"].append({"id": "lg-san", "action": "allow", "from": "lg", "to": san, "protocol": "tcp", "ports": "443"})
fw["inet"]["rules"].append({"id": "in-deny-lg", "action": "deny", "from": "inet", "to": "lg"})
fw["inet"]["rules"].append({"id": "in-web", "action": "allow", "from": "inet", "to": "internet", "protocol": "tcp", "ports": "80,443"})
fw["inet"]["rules"].append({"id": "in-san", "action": "allow", "from": "inet", "to": san, "protocol": "tcp", "ports": "443"})
fw["dmz"]["rules"].append({"id": "dmz-www", "action": "allow", "from": "internet", "to": www, "protocol": "tcp", "ports": "443"})
# the bulk: host to host (and host to address) inside each zone
zone_w = [(z, len(by_zone[z])) for z in ("lg", "inet", "mn", "mgmt")]
total = sum(w for _, w in zone_w)
left = rules_n - sum(len(f["rules"]) for f in fw.values())
for _ in range(left):
    x = rnd.randrange(total)
    for z, w in zone_w:
        if x < w:
            break
        x -= w
    src = rnd.choice(by_zone[z])
    dst = rnd.choice(servers[z] or by_zone[z])
    r = {"id": f"r{rid}", "action": "allow" if rnd.random() < 0.9 else "deny", "from": src, "to": dst,
         "protocol": "tcp" if rnd.random() < 0.8 else "udp", "ports": str(rnd.choice([22, 53, 80, 443, 445, 1433, 3389, 8080]))}
    rid += 1
    fw[z]["rules"].append(r)
model["firewalls"] = list(fw.values())
json.dump(model, open(out, "w"), ensure_ascii=False)
