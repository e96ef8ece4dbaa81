/*
 * static.c — the stylesheet, compiled into the binary: nothing is fetched
 * from outside (DESIGN.md: no CDN in a closed LGWAN segment), and the CSP
 * allows styles only from mamori itself.
 *
 * The one script (assets/app.js) only adds progress to uploads.
 *
 * Calm colours with contrast above WCAG AA, a visible focus ring for
 * keyboard users, and print styles that drop the navigation.
 */
#include "web/pages.h"

static const char app_css[] =
	":root{--ink:#1f2328;--muted:#4a5260;--line:#c9ced6;--bg:#f7f8fa;--card:#fff;"
	"--accent:#1d4f91;--accent-ink:#fff;--warn:#8a4b00;--err:#a4161a}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font-family:\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",sans-serif;"
	"color:var(--ink);background:var(--bg);line-height:1.7;font-size:16px}\n"
	"a{color:var(--accent)}\n"
	"a:focus,button:focus,input:focus,select:focus{outline:3px solid #f2b705;outline-offset:2px}\n"
	".skip{position:absolute;left:-9999px}\n"
	".skip:focus{left:1rem;top:1rem;background:var(--card);padding:.5rem 1rem;z-index:10}\n"
	"header.site{display:flex;justify-content:space-between;align-items:center;gap:1rem;"
	"padding:.6rem 1.5rem;background:var(--accent);color:var(--accent-ink)}\n"
	"header.site a{color:var(--accent-ink);font-weight:bold;text-decoration:none;font-size:1.2rem}\n"
	"header.site .org{margin-left:1rem}\n"
	"header.site .who{display:flex;align-items:center;gap:.8rem}\n"
	"header.site .who form{margin:0}\n"
	"nav.site{background:var(--card);border-bottom:1px solid var(--line)}\n"
	"nav.site ul{list-style:none;margin:0;padding:0 1.5rem;display:flex;flex-wrap:wrap;gap:1.5rem}\n"
	"nav.site a{display:inline-block;padding:.6rem 0;text-decoration:none}\n"
	"nav.site a[aria-current=page]{font-weight:bold;border-bottom:3px solid var(--accent)}\n"
	"main{max-width:72rem;margin:0 auto;padding:1.5rem}\n"
	"footer.site{color:var(--muted);text-align:center;padding:2rem;font-size:.85rem}\n"
	"h1{font-size:1.6rem;margin:.5rem 0 1rem}\n"
	"h2{font-size:1.2rem;margin:1.5rem 0 .5rem}\n"
	"button{font:inherit;padding:.4rem 1.1rem;border:1px solid var(--accent);border-radius:4px;"
	"background:var(--accent);color:var(--accent-ink);cursor:pointer}\n"
	"header.site button{background:var(--card);color:var(--accent)}\n"
	"input,select{font:inherit;padding:.35rem .5rem;border:1px solid #767f8c;border-radius:4px;"
	"background:#fff;color:var(--ink)}\n"
	"form.stack{display:grid;gap:.4rem;max-width:26rem}\n"
	"form.stack button{justify-self:start;margin-top:.6rem}\n"
	"form.filters{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:1rem 0;"
	"padding:.8rem 1rem;background:var(--card);border:1px solid var(--line);border-radius:6px}\n"
	"table.list{border-collapse:collapse;width:100%;background:var(--card)}\n"
	"table.list caption{text-align:left;color:var(--muted);padding:.3rem 0}\n"
	"table.list th,table.list td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;"
	"vertical-align:top}\n"
	"table.list th{background:#eef1f5}\n"
	"td.num{text-align:right}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}\n"
	".card,.banner{background:var(--card);border:1px solid var(--line);border-radius:6px;"
	"padding:.5rem 1.2rem 1rem}\n"
	".banner{border-left:6px solid var(--accent);margin-bottom:1.5rem;max-width:40rem}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.5rem}\n"
	"dl.facts dt{font-weight:bold;color:var(--muted)}\n"
	"dl.facts dd{margin:0;overflow-wrap:anywhere}\n"
	".error{color:var(--err);font-weight:bold}\n"
	"li.error .sev{color:var(--err);font-weight:bold}\n"
	"li.warning .sev{color:var(--warn);font-weight:bold}\n"
	".note,.meta,.subject,.crumbs{color:var(--muted)}\n"
	".role{font-weight:bold;margin-right:.4em}\n"
	".pager{display:flex;gap:1.5rem;align-items:center}\n"
	"code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}\n"
	".upload-progress{display:flex;align-items:center;gap:.6rem;margin-top:.6rem}\n"
	".upload-progress progress{width:18rem;height:1.1rem}\n"
	"ul.codes{columns:2;font-size:1.1rem}\n"
	"nav.tabs ul{list-style:none;margin:1rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem;"
	"border-bottom:1px solid var(--line)}\n"
	"nav.tabs a{display:inline-block;padding:.4rem 1rem;text-decoration:none;border:1px solid var(--line);"
	"border-bottom:none;border-radius:6px 6px 0 0;background:var(--card)}\n"
	"nav.tabs a[aria-current=page]{font-weight:bold;background:var(--accent);color:var(--accent-ink)}\n"
	"textarea{font:inherit;padding:.35rem .5rem;border:1px solid #767f8c;border-radius:4px}\n"
	".req{font-size:.8rem;color:var(--err);margin-left:.5em}\n"
	".actions{display:flex;gap:1rem;margin-top:.6rem}\n"
	"ul.actions{list-style:none;padding:0;flex-wrap:wrap}\n"
	"form.stack p.error{margin:0}\n"
	"button.secondary{background:var(--card);color:var(--err);border-color:var(--err)}\n"
	"a.button{display:inline-block;padding:.4rem 1.1rem;border-radius:4px;background:var(--accent);"
	"color:var(--accent-ink);text-decoration:none}\n"
	".ok{color:#14532d;font-weight:bold}.pending{color:var(--warn);font-weight:bold}\n"
	".policy-doc{background:var(--card);border:1px solid var(--line);border-radius:6px;"
	"padding:.5rem 2rem 1.5rem;margin-top:1rem;font-family:\"Noto Serif CJK JP\",serif}\n"
	".policy-doc .secret{color:var(--err);font-weight:bold;text-align:right}\n"
	".policy-doc h2.doc-title{text-align:center;font-size:1.4rem}\n"
	".policy-doc h4{margin:1.2em 0 .2em}.policy-doc p.item{margin:.1em 0;padding-left:2.5em;"
	"text-indent:-2.5em}.policy-doc p.d2{margin-left:1.5em}.policy-doc p.d3{margin-left:3em}\n"
	"table.diff tr.added td{background:#e6f4ea}table.diff tr.removed td{background:#fdecea}"
	"table.diff tr.changed td{background:#fff8e1}table.diff .mark{font-weight:bold;white-space:nowrap}\n"
	"tr.gap-missing td.status{color:var(--err);font-weight:bold}"
	"tr.gap-partial td.status{color:var(--warn);font-weight:bold}\n"
	"tr.inc-overdue td{background:#fdecea}\n"
	".inc-late{color:var(--err);font-weight:bold}\n"
	"dl.inc-body{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:0}"
	"dl.inc-body dt{color:var(--muted)}dl.inc-body dd{margin:0;white-space:pre-wrap}\n"
	".inc-actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}"
	".inc-action{background:var(--card);border:1px solid var(--line);padding:.6rem .8rem}"
	".inc-action h3{margin:.2rem 0 .4rem;font-size:1rem}\n"
	"form.inc-notify{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}\n"
	"ol.case-timeline{padding-left:1.4rem}ol.case-timeline li{margin:.3rem 0}"
	"dl.case-step{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:.2rem 0 0}"
	"dl.case-step dt{color:var(--muted)}dl.case-step dd{margin:0;white-space:pre-wrap}\n"
	".exc-urgent{color:var(--err);font-weight:bold;font-size:.85em}\n"
	".plan-findings{border-left:4px solid var(--warn);padding:.2rem .8rem;margin:.6rem 0}"
	".plan-due,.plan-flag{color:var(--err);font-weight:bold;font-size:.85em}"
	"tr.plan-left td{background:#fdf0f0}.plan-hint{color:var(--muted);font-size:.9em}"
	"form.plan-inline{display:inline}details.plan-edit{margin:.4rem 0 1rem}"
	".plan-part{margin:1.2rem 0}\n"
	".report-intro,.report-notice{max-width:40rem}.report-req{font-size:.8rem;color:var(--err);margin-left:.3em}"
	".report-form{max-width:40rem}.report-form textarea{width:100%}"
	".report-check{display:flex;gap:.4rem;align-items:center}"
	".report-no{font-size:1.3rem}\n"
	"@media print{header.site button,nav.site,form.filters,.pager a,.skip,footer.site{display:none}"
	"body{background:#fff;font-size:11pt}header.site{background:#fff;color:#000;padding:0}"
	"header.site a{color:#000}main{max-width:none;padding:0}a{color:#000;text-decoration:none}"
	".card{break-inside:avoid}}\n";

/* src/web/assets/app.js, embedded by the Makefile (web_assets.S). */
extern const char mamori_app_js[], mamori_app_js_end[];

void static_app_js(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 200;
	rs->content_type = "text/javascript; charset=utf-8";
	buf_append(&rs->body, mamori_app_js, (size_t)(mamori_app_js_end - mamori_app_js));
}

void static_app_css(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 200;
	rs->content_type = "text/css; charset=utf-8";
	buf_append(&rs->body, app_css, sizeof app_css - 1);
}
