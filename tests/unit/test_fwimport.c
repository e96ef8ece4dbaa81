/*
 * test_fwimport.c — the iptables-save and nftables JSON importers: what
 * rules they produce, the safety principle (an allow may only grow, a deny
 * only shrink), and the refusals (file:line or JSON path, nothing added).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/netmodel.h"
#include "util/buf.h"

#include "check.h"

/* Two zones behind one firewall with three interfaces. */
static const char *const MODEL =
	"{\"municipality\":\"試験市\",\"model\":\"alpha\","
	"\"zones\":[{\"id\":\"lg\",\"area\":\"lgwan\"},{\"id\":\"in\",\"area\":\"internet\"}],"
	"\"segments\":[{\"id\":\"seg-lg\",\"zone\":\"lg\",\"cidr\":[\"10.20.0.0/16\"]},"
	"{\"id\":\"seg-in\",\"zone\":\"in\",\"cidr\":[\"172.16.0.0/16\"]},"
	"{\"id\":\"seg-in2\",\"zone\":\"in\",\"cidr\":[\"172.17.0.0/16\"]}],"
	"\"peers\":[{\"id\":\"inet\",\"kind\":\"internet\"}],"
	"\"firewalls\":[{\"name\":\"fw1\",\"default\":\"deny\","
	"\"interfaces\":{\"eth0\":\"seg-lg\",\"eth1\":\"seg-in\",\"eth2\":\"seg-in2\",\"ppp0\":\"inet\"}}]}";

static void load(struct netmodel *m)
{
	struct err e = {0};
	int rc = netmodel_parse(m, MODEL, strlen(MODEL), NULL, &e);
	if (rc) {
		fprintf(stderr, "model: %s\n", e.msg);
		exit(1);
	}
}

/* The firewall's rules as "allow from>to proto ports" joined by "; ". */
static char *rules_text(const struct netmodel *m)
{
	struct buf b = BUF_INIT;
	const struct net_firewall *f = &m->firewalls[0];
	for (size_t i = 0; i < f->nrules; i++) {
		const struct net_rule *r = &f->rules[i];
		if (i)
			buf_puts(&b, "; ");
		buf_printf(&b, "%s %s>%s %s ", r->allow ? "allow" : "deny", r->from.text, r->to.text,
			   net_proto_name(r->proto));
		net_ports_format(&r->ports, &b);
	}
	return b.data ? buf_take(&b) : xstrdup("");
}

/* The signature both importers share (netmodel_import_iptables, _nft_json). */
typedef int (*importer)(struct netmodel *m, size_t fw, const char *text, size_t len,
			const char *name, struct err *e);

/* Imports text as file name into fw1; returns the rules, or NULL with the
   error in e. */
static char *import(importer fn, const char *name, const char *text, struct err *e,
		    int *default_allow)
{
	struct netmodel m;
	load(&m);
	char *out = NULL;
	if (fn(&m, 0, text, strlen(text), name, e) == 0)
		out = rules_text(&m);
	else if (m.firewalls[0].nrules != 0)
		out = xstrdup("REFUSED BUT RULES ADDED");
	if (default_allow)
		*default_allow = m.firewalls[0].default_allow;
	netmodel_free(&m);
	return out;
}

static char *ipt(const char *text, struct err *e, int *default_allow)
{
	return import(netmodel_import_iptables, "fw1.rules", text, e, default_allow);
}

static char *nft(const char *text, struct err *e, int *default_allow)
{
	return import(netmodel_import_nft_json, "fw1.json", text, e, default_allow);
}

/* The import gives exactly want; says what it gave otherwise. */
static int import_is(importer fn, const char *name, const char *text, const char *want)
{
	struct err e = {0};
	char *got = import(fn, name, text, &e, NULL);
	int ok = got && strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "  got:  %s\n  want: %s\n  err: %s\n", got ? got : "(refused)", want,
			e.msg);
	free(got);
	return ok;
}

/* The import is refused with a message holding msg_part, and adds nothing. */
static int import_refused(importer fn, const char *name, const char *text, const char *msg_part)
{
	struct err e = {0};
	char *got = import(fn, name, text, &e, NULL);
	int ok = !got && e.code == ERR_INPUT && strstr(e.msg, msg_part);
	if (!ok)
		fprintf(stderr, "  got: %s\n  err: %s\n  want refusal with: %s\n", got ? got : "(none)",
			e.msg, msg_part);
	free(got);
	return ok;
}

static int ipt_is(const char *text, const char *want)
{
	return import_is(netmodel_import_iptables, "fw1.rules", text, want);
}

static int ipt_refused(const char *text, const char *msg_part)
{
	return import_refused(netmodel_import_iptables, "fw1.rules", text, msg_part);
}

#define HEAD "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"

static void test_iptables_basic(void)
{
	int dflt = -1;
	struct err e = {0};
	char *got = ipt(HEAD "-A FORWARD -i eth0 -o eth1 -p tcp -m tcp --dport 443 -j ACCEPT\nCOMMIT\n",
			&e, &dflt);
	CHECK(got && strcmp(got, "allow seg-lg>seg-in tcp 443") == 0);
	CHECK(dflt == 0);
	free(got);
	got = ipt("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n", &e, &dflt);
	CHECK(got && strcmp(got, "") == 0 && dflt == 1);
	free(got);
	/* addresses inside the interface's segment are kept: the host matters */
	CHECK(ipt_is(HEAD "-A FORWARD -s 10.20.9.10/32 -i eth0 -d 172.16.0.0/24 -o eth1 -p udp -m "
			  "multiport --dports 53,1000:2000 -j ACCEPT\nCOMMIT\n",
		     "allow 10.20.9.10/32>172.16.0.0/24 udp 53,1000-2000"));
	/* an address the interface cannot bring: where the packet comes from counts */
	CHECK(ipt_is(HEAD "-A FORWARD -s 192.0.2.0/24 -i eth1 -j ACCEPT\nCOMMIT\n",
		     "allow seg-in>any any any"));
	/* the same as a deny (anti-spoofing) says nothing safe: left out */
	CHECK(ipt_is(HEAD "-A FORWARD -s 10.20.0.0/16 -i eth1 -j DROP\nCOMMIT\n", ""));
	/* a wildcard interface stands for each interface it matches */
	CHECK(ipt_is(HEAD "-A FORWARD -i eth+ -o ppp0 -j ACCEPT\nCOMMIT\n",
		     "allow seg-lg>inet any any; allow seg-in>inet any any; allow seg-in2>inet any any"));
	/* states: established only opens nothing; NEW is a real rule */
	CHECK(ipt_is(HEAD "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
			  "-A FORWARD -m state --state INVALID -j DROP\n"
			  "-A FORWARD -i eth0 -m conntrack --ctstate NEW -j REJECT --reject-with "
			  "icmp-port-unreachable\n"
			  "-A FORWARD -i eth1 -m conntrack ! --ctstate INVALID -j ACCEPT\nCOMMIT\n",
		     "deny seg-lg>any any any; allow seg-in>any any any"));
	/* LOG and TCPMSS do not decide; a comment goes into the origin */
	struct netmodel m;
	load(&m);
	const char *t = HEAD "-A FORWARD -j LOG --log-prefix \"x y\"\n"
			     "-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n"
			     "-A FORWARD -i eth0 -m comment --comment \"無害化 \\\"中継\\\"\" -j ACCEPT\nCOMMIT\n";
	CHECK(netmodel_import_iptables(&m, 0, t, strlen(t), "fw1.rules", &e) == 0);
	CHECK(m.firewalls[0].nrules == 1);
	if (m.firewalls[0].nrules == 1) {
		CHECK(strcmp(m.firewalls[0].rules[0].id, "fw1#1") == 0);
		CHECK(strcmp(m.firewalls[0].rules[0].origin,
			     "iptables-save:fw1.rules:7 「無害化 \"中継\"」") == 0);
	}
	netmodel_free(&m);
	/* other tables are not read; counters of iptables-save -c are */
	CHECK(ipt_is("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i ppp0 -j DNAT --to-destination "
		     "10.20.0.5\nCOMMIT\n" HEAD "[5:300] -A FORWARD -i ppp0 -j ACCEPT\nCOMMIT\n",
		     "allow inet>any any any"));
}

static void test_iptables_safety(void)
{
	/* negations and unknown matches widen an allow, drop a deny */
	CHECK(ipt_is(HEAD "-A FORWARD ! -s 10.20.1.0/24 -i eth0 -p tcp ! --dport 22 -j ACCEPT\n"
			  "-A FORWARD -i eth0 ! -d 10.0.0.0/8 -j DROP\n"
			  "-A FORWARD -i eth0 -m geoip --src-cc JP -j DROP\n"
			  "-A FORWARD -i eth0 -p tcp --sport 1024:65535 -j DROP\n"
			  "-A FORWARD -i eth1 -m time --timestart 09:00 -j ACCEPT\nCOMMIT\n",
		     "allow seg-lg>any tcp any; allow seg-in>any any any"));
	/* an interface the model does not name: any for an allow, nothing for a deny */
	struct netmodel m;
	load(&m);
	struct err e = {0};
	const char *t = HEAD "-A FORWARD -i docker0 -j DROP\n-A FORWARD -i docker0 -o eth0 -j ACCEPT\nCOMMIT\n";
	CHECK(netmodel_import_iptables(&m, 0, t, strlen(t), "fw1.rules", &e) == 0);
	CHECK(m.firewalls[0].nrules == 1);
	if (m.firewalls[0].nrules == 1) {
		CHECK(m.firewalls[0].rules[0].from.kind == EP_ANY);
		CHECK(strstr(m.firewalls[0].rules[0].origin, "docker0") != NULL);
	}
	netmodel_free(&m);
	/* an unknown target may accept; NFQUEUE too */
	CHECK(ipt_is(HEAD "-A FORWARD -i eth1 -j NFQUEUE --queue-num 1\nCOMMIT\n",
		     "allow seg-in>any any any"));
	/* another protocol widens an allow to any protocol, a deny is dropped */
	CHECK(ipt_is(HEAD "-A FORWARD -i eth1 -p gre -j DROP\n-A FORWARD -i eth1 -p esp -j ACCEPT\nCOMMIT\n",
		     "allow seg-in>any any any"));
}

static void test_iptables_chains(void)
{
	/* a user chain inlined with the jump's conditions; RETURN at its end */
	CHECK(ipt_is(HEAD ":OUT - [0:0]\n"
			  "-A FORWARD -i eth0 -o eth1 -j OUT\n"
			  "-A FORWARD -i eth0 -j ACCEPT\n"
			  "-A OUT -p tcp --dport 443 -j ACCEPT\n"
			  "-A OUT -j RETURN\n"
			  "-A OUT -j DROP\nCOMMIT\n",
		     "allow seg-lg>seg-in tcp 443; allow seg-lg>any any any"));
	/* a conditional RETURN: later denies of the chain would cover packets
	   that left it, so they are dropped; allows stay */
	CHECK(ipt_is(HEAD ":OUT - [0:0]\n"
			  "-A FORWARD -i eth0 -j OUT\n"
			  "-A OUT -p udp -j RETURN\n"
			  "-A OUT -p tcp --dport 80 -j ACCEPT\n"
			  "-A OUT -j DROP\n"
			  "-A FORWARD -i eth0 -j ACCEPT\nCOMMIT\n",
		     "allow seg-lg>any tcp 80; allow seg-lg>any any any"));
	/* jump conditions that exclude the chain's rule: nothing */
	CHECK(ipt_is(HEAD ":OUT - [0:0]\n-A FORWARD -o eth1 -j OUT\n-A OUT -o eth2 -j ACCEPT\n"
			  "-A OUT -o eth+ -p tcp -j ACCEPT\nCOMMIT\n",
		     "allow any>seg-in tcp any"));
	/* goto: the rest of the calling chain is not reached by those packets */
	CHECK(ipt_is(HEAD ":G - [0:0]\n-A FORWARD -i eth1 -g G\n-A FORWARD -i eth1 -j DROP\n"
			  "-A FORWARD -j DROP\n-A G -p tcp -j ACCEPT\nCOMMIT\n",
		     "allow seg-in>any tcp any"));
	/* RETURN from FORWARD itself means its policy */
	CHECK(ipt_is("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -i eth1 -j RETURN\n"
		     "-A FORWARD -j DROP\nCOMMIT\n",
		     "allow seg-in>any any any; deny any>any any any"));
	/* a loop is refused with the line of the jump that closes it */
	CHECK(ipt_refused(HEAD ":A - [0:0]\n:B - [0:0]\n-A FORWARD -j A\n-A A -p tcp -j B\n"
			       "-A B -j A\nCOMMIT\n",
			  "fw1.rules:9:"));
	CHECK(ipt_refused(HEAD ":A - [0:0]\n-A FORWARD -j A\n-A A -j A\nCOMMIT\n", "輪"));
}

static void test_iptables_refused(void)
{
	CHECK(ipt_refused(HEAD "-A FORWARD -s www.example.jp -j ACCEPT\nCOMMIT\n",
			  "fw1.rules:5: アドレス「www.example.jp」"));
	CHECK(ipt_refused(HEAD "-A FORWARD -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n", "fw1.rules:5:"));
	CHECK(ipt_refused(HEAD "-A FORWARD -p tcp --dport http -j ACCEPT\nCOMMIT\n", "ポート"));
	CHECK(ipt_refused(HEAD "-A NOPE -j ACCEPT\nCOMMIT\n", "fw1.rules:5: チェーン「NOPE」"));
	CHECK(ipt_refused(HEAD "-A FORWARD -j ACCEPT\n", "COMMIT"));
	CHECK(ipt_refused(HEAD "-A FORWARD -m comment --comment \"open -j ACCEPT\nCOMMIT\n",
			  "fw1.rules:5: 引用符"));
	CHECK(ipt_refused("-A FORWARD -j ACCEPT\n", "fw1.rules:1:"));
	CHECK(ipt_refused("*nat\nCOMMIT\n", "FORWARD"));
	CHECK(ipt_refused("", "FORWARD"));
	CHECK(ipt_refused(HEAD "-A FORWARD -s\nCOMMIT\n", "値がありません"));
	CHECK(ipt_refused(HEAD "-A FORWARD -j ACCEPT\n-A FORWARD -s 10.0.0.1/8 -j ACCEPT\nCOMMIT\n",
			  "fw1.rules:6:"));
	CHECK(ipt_refused(HEAD "-A FORWARD -x 1 -j ACCEPT\nCOMMIT\n", "fw1.rules:5:"));
	/* IPv6 is read the same way */
	CHECK(ipt_is("# Generated by ip6tables-save v1.8.9\n" HEAD
		     "-A FORWARD -s 2001:db8::/32 -d 2001:db8:1::1/128 -p ipv6-icmp -j ACCEPT\nCOMMIT\n",
		     "allow 2001:db8::/32>2001:db8:1::1/128 icmp any"));
}

static int nft_is(const char *text, const char *want)
{
	return import_is(netmodel_import_nft_json, "fw1.json", text, want);
}

static int nft_refused(const char *text, const char *msg_part)
{
	return import_refused(netmodel_import_nft_json, "fw1.json", text, msg_part);
}

#define NFT_HEAD                                                                              \
	"{\"nftables\":[{\"metainfo\":{\"json_schema_version\":1}},"                          \
	"{\"table\":{\"family\":\"inet\",\"name\":\"f\",\"handle\":1}},"                      \
	"{\"chain\":{\"family\":\"inet\",\"table\":\"f\",\"name\":\"forward\",\"handle\":1,"  \
	"\"type\":\"filter\",\"hook\":\"forward\",\"prio\":0,\"policy\":\"drop\"}},"          \
	"{\"chain\":{\"family\":\"inet\",\"table\":\"f\",\"name\":\"sub\",\"handle\":2}},"
#define RULE(chain, handle, exprs)                                                            \
	"{\"rule\":{\"family\":\"inet\",\"table\":\"f\",\"chain\":\"" chain "\",\"handle\":"   \
	#handle ",\"expr\":[" exprs "]}}"
#define M(left, op, right) "{\"match\":{\"op\":\"" op "\",\"left\":" left ",\"right\":" right "}}"
#define IIF "{\"meta\":{\"key\":\"iifname\"}}"
#define OIF "{\"meta\":{\"key\":\"oifname\"}}"
#define SADDR "{\"payload\":{\"protocol\":\"ip\",\"field\":\"saddr\"}}"
#define DADDR "{\"payload\":{\"protocol\":\"ip\",\"field\":\"daddr\"}}"
#define TCPDPORT "{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}}"
#define CTSTATE "{\"ct\":{\"key\":\"state\"}}"
#define ACCEPT "{\"accept\":null}"
#define DROP "{\"drop\":null}"

static void test_nft(void)
{
	int dflt = -1;
	struct err e = {0};
	char *got = nft(NFT_HEAD RULE("forward", 5, M(CTSTATE, "in", "[\"established\",\"related\"]") "," ACCEPT)
			","  RULE("forward", 6, M(IIF, "==", "\"eth0\"") "," M(OIF, "==", "\"eth1\"") ","
				  M(TCPDPORT, "==", "{\"set\":[443,{\"range\":[8000,8080]}]}") ",{\"counter\":null}," ACCEPT)
			"]}", &e, &dflt);
	CHECK(got && strcmp(got, "allow seg-lg>seg-in tcp 443,8000-8080") == 0);
	CHECK(dflt == 0);
	if (!got)
		fprintf(stderr, "  err: %s\n", e.msg);
	free(got);
	/* named sets, address ranges as prefixes, wildcard interfaces (an
	   address from another interface is a forged one: its place counts) */
	CHECK(nft_is(NFT_HEAD "{\"set\":{\"family\":\"inet\",\"table\":\"f\",\"name\":\"relays\","
			      "\"type\":\"ipv4_addr\",\"elem\":[\"10.20.9.10\",{\"range\":[\"10.20.9.12\",\"10.20.9.15\"]}]}},"
			 RULE("forward", 5, M(SADDR, "==", "\"@relays\"") "," M(IIF, "==", "\"eth*\"") "," ACCEPT) "]}",
		     "allow 10.20.9.10/32>any any any; allow seg-in>any any any; allow seg-in2>any any any; "
		     "allow 10.20.9.12/30>any any any; allow seg-in>any any any; allow seg-in2>any any any"));
	/* jumps inline; vmap; ports below a bound; negation widens an allow */
	CHECK(nft_is(NFT_HEAD RULE("forward", 5,
				  "{\"vmap\":{\"key\":" IIF ",\"data\":{\"set\":[[\"eth0\",{\"jump\":{\"target\":\"sub\"}}],"
				  "[\"ppp0\",{\"drop\":null}]]}}}") ","
			 RULE("sub", 6, M(TCPDPORT, "<", "1024") "," M(DADDR, "!=", "{\"prefix\":{\"addr\":\"10.0.0.0\",\"len\":8}}") "," ACCEPT) ","
			 RULE("sub", 7, "{\"limit\":{\"rate\":5,\"per\":\"second\"}}," DROP) ","
			 RULE("sub", 8, DROP) "]}",
		     "allow seg-lg>any tcp 0-1023; deny seg-lg>any any any; deny inet>any any any"));
	/* a port set with a value not read: any port on an allow, no deny */
	CHECK(nft_is(NFT_HEAD RULE("forward", 5, M(TCPDPORT, "==", "{\"set\":[\"ssh\",22]}") "," DROP) ","
			 RULE("forward", 6, M(TCPDPORT, "==", "{\"set\":[22,\"ssh\"]}") "," ACCEPT) "]}",
		     "allow any>any tcp any"));
	/* two forward chains: the default allows only if both policies accept */
	got = nft("{\"nftables\":[{\"chain\":{\"family\":\"ip\",\"table\":\"a\",\"name\":\"f\",\"hook\":\"forward\","
		  "\"type\":\"filter\",\"prio\":10,\"policy\":\"accept\"}},"
		  "{\"chain\":{\"family\":\"ip\",\"table\":\"b\",\"name\":\"f\",\"hook\":\"forward\","
		  "\"type\":\"filter\",\"prio\":-10,\"policy\":\"drop\"}},"
		  "{\"rule\":{\"family\":\"ip\",\"table\":\"a\",\"chain\":\"f\",\"handle\":3,\"expr\":[" M(IIF, "==", "\"eth1\"") "," DROP "]}},"
		  "{\"rule\":{\"family\":\"ip\",\"table\":\"b\",\"chain\":\"f\",\"handle\":4,\"expr\":[" M(IIF, "==", "\"eth0\"") "," ACCEPT "]}}]}",
		  &e, &dflt);
	CHECK(got && strcmp(got, "allow seg-lg>any any any; deny seg-in>any any any") == 0 && dflt == 0);
	free(got);
}

static void test_nft_refused(void)
{
	CHECK(nft_refused("{\"nftables\":[", "JSON"));
	CHECK(nft_refused("{\"x\":[]}", "nftables"));
	CHECK(nft_refused("{\"nftables\":[]}", "forward"));
	CHECK(nft_refused(NFT_HEAD RULE("forward", 5, "{\"jump\":{\"target\":\"sub\"}}") ","
				   RULE("sub", 6, "{\"jump\":{\"target\":\"forward\"}}") ","
				   RULE("sub", 7, "{\"goto\":{\"target\":\"sub\"}}") "]}",
			  "fw1.json: nftables[5].rule.expr[0].jump.target: チェーンのジャンプが輪"));
	CHECK(nft_refused(NFT_HEAD RULE("forward", 5, M(SADDR, "==", "\"@nope\"") "," ACCEPT) "]}",
			  "nftables[4].rule.expr[0].match.right"));
	CHECK(nft_refused(NFT_HEAD RULE("forward", 5, M(SADDR, "==", "\"www.example.jp\"") "," ACCEPT) "]}",
			  "nftables[4].rule.expr[0].match.right"));
	CHECK(nft_refused(NFT_HEAD RULE("forward", 5, "{\"jump\":{\"target\":\"nowhere\"}}") "]}",
			  "ジャンプ先"));
	CHECK(nft_refused(NFT_HEAD "{\"rule\":{\"family\":\"inet\",\"table\":\"f\",\"chain\":\"x\",\"expr\":[]}}]}",
			  "nftables[4].rule"));
	CHECK(nft_refused(NFT_HEAD RULE("forward", 5, "1") "]}", "nftables[4].rule.expr[0]"));
}

int main(void)
{
	test_iptables_basic();
	test_iptables_safety();
	test_iptables_chains();
	test_iptables_refused();
	test_nft();
	test_nft_refused();
	return check_report();
}
