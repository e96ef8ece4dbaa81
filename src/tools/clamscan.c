/*
 * clamscan.c — clam_scan (sanitize_file.h): a virus scan with libclamav,
 * opened at run time so mamori builds and runs where ClamAV is absent
 * (guideline 6.4.1.1 asks for the scan where the product exists; a closed
 * network may have none).
 *
 * The library is dlopen'ed by its soname, libclamav.so.12; the environment
 * variable MAMORI_LIBCLAMAV names another file instead (the tests use it to
 * point at a missing one).  The function pointers take their types from
 * <clamav.h> through __typeof__, so an incompatible libclamav header breaks
 * the build instead of the stack.
 *
 * The engine (signatures loaded and compiled, seconds with the official
 * databases) is built once per process, on the first scan, and kept for a
 * batch; asking for another signature folder rebuilds it.  One mutex
 * covers the whole scan so the web server's threads never see an engine
 * being replaced.  No signatures means "not available" (2): the report then
 * says the scan was not done and never that the file is clean.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clamav.h>

#include "tools/sanitize_file.h"

#define CLAMAV_SONAME "libclamav.so.12"

struct clam_api {
	__typeof__(&cl_init) init;
	__typeof__(&cl_engine_new) engine_new;
	__typeof__(&cl_load) load;
	__typeof__(&cl_engine_compile) engine_compile;
	__typeof__(&cl_engine_free) engine_free;
	__typeof__(&cl_retdbdir) retdbdir;
	__typeof__(&cl_strerror) strerror;
	__typeof__(&cl_fmap_open_memory) fmap_open_memory;
	__typeof__(&cl_fmap_close) fmap_close;
	__typeof__(&cl_scanmap_callback) scanmap_callback;
	__typeof__(&cl_set_clcb_msg) set_clcb_msg;
};

static pthread_mutex_t clam_lock = PTHREAD_MUTEX_INITIALIZER;
static struct clam_api api;
static int api_ready; /* a failure is not kept: the next scan tries again */
static char api_reason[256];
static struct cl_engine *engine;
static char *engine_dir; /* the folder the engine's signatures came from */

/* libclamav writes its warnings to stderr by default; mamori reports
   through its own channels. */
static void quiet(enum cl_msg severity, const char *fullmsg, const char *msg, void *context)
{
	(void)severity;
	(void)fullmsg;
	(void)msg;
	(void)context;
}

#define LOOKUP(field, name)                                                    \
	do {                                                                   \
		*(void **)&api.field = dlsym(lib, name);                      \
		if (!api.field) {                                             \
			snprintf(api_reason, sizeof api_reason,                 \
				 "libclamav に %s がありません（版が合いません）", name); \
			return -1;                                            \
		}                                                             \
	} while (0)

static int api_open(void)
{
	const char *soname = getenv("MAMORI_LIBCLAMAV");
	if (!soname || !*soname)
		soname = CLAMAV_SONAME;
	/* never dlclose'd: libclamav keeps global state for the process */
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(api_reason, sizeof api_reason,
			 "ClamAV（%s）が入っていないため、ウイルス検査をしていません", soname);
		return -1;
	}
	LOOKUP(init, "cl_init");
	LOOKUP(engine_new, "cl_engine_new");
	LOOKUP(load, "cl_load");
	LOOKUP(engine_compile, "cl_engine_compile");
	LOOKUP(engine_free, "cl_engine_free");
	LOOKUP(retdbdir, "cl_retdbdir");
	LOOKUP(strerror, "cl_strerror");
	LOOKUP(fmap_open_memory, "cl_fmap_open_memory");
	LOOKUP(fmap_close, "cl_fmap_close");
	LOOKUP(scanmap_callback, "cl_scanmap_callback");
	LOOKUP(set_clcb_msg, "cl_set_clcb_msg");
	api.set_clcb_msg(quiet);
	cl_error_t rc = api.init(CL_INIT_DEFAULT);
	if (rc != CL_SUCCESS) {
		snprintf(api_reason, sizeof api_reason, "libclamav を初期化できません: %s",
			 api.strerror(rc));
		return -1;
	}
	return 0;
}

static void engine_drop(void)
{
	if (engine)
		api.engine_free(engine);
	engine = NULL;
	free(engine_dir);
	engine_dir = NULL;
}

/* Loads and compiles the signatures in dir; returns 0 or 2 with e set. */
static int engine_load(const char *dir, struct err *e)
{
	engine_drop();
	struct cl_engine *eng = api.engine_new();
	if (!eng) {
		err_set(e, ERR_IO, "ClamAV の検査エンジンを作れません");
		return 2;
	}
	unsigned int sigs = 0;
	cl_error_t rc = api.load(dir, eng, &sigs, CL_DB_STDOPT);
	if (rc == CL_SUCCESS && sigs == 0)
		rc = CL_EOPEN;
	if (rc == CL_SUCCESS)
		rc = api.engine_compile(eng);
	if (rc != CL_SUCCESS || sigs == 0) {
		api.engine_free(eng);
		err_set(e, ERR_IO,
			"ウイルス定義（%s）を読み込めないため、ウイルス検査をしていません: %s", dir,
			sigs == 0 ? "定義ファイルがありません" : api.strerror(rc));
		return 2;
	}
	engine = eng;
	engine_dir = xstrdup(dir);
	return 0;
}

static int ready(const char *db_dir, struct err *e)
{
	if (!api_ready && api_open() != 0) {
		err_set(e, ERR_IO, "%s", api_reason);
		return 2;
	}
	api_ready = 1;
	const char *dir = db_dir && *db_dir ? db_dir : api.retdbdir();
	if (engine && strcmp(engine_dir, dir) == 0)
		return 0;
	return engine_load(dir, e);
}

static int scan_bytes(const unsigned char *data, size_t len, struct san_report *r,
		      struct err *e)
{
	if (len == 0) { /* libclamav maps nothing of an empty buffer */
		r->scanned = 1;
		return 0;
	}
	cl_fmap_t *map = api.fmap_open_memory(data, len);
	if (!map) {
		err_set(e, ERR_IO, "ウイルス検査の準備ができません（メモリ不足）");
		return -1;
	}
	struct cl_scan_options opts = {
		.general = CL_SCAN_GENERAL_HEURISTICS, /* as clamscan does by default */
		.parse = ~0u,                          /* look inside every format it knows */
	};
	const char *virname = NULL;
	unsigned long scanned = 0;
	cl_error_t rc = api.scanmap_callback(map, NULL, &virname, &scanned, engine, &opts, NULL);
	api.fmap_close(map);
	if (rc == CL_VIRUS) {
		r->scanned = 1;
		free(r->virus);
		r->virus = xstrdup(virname ? virname : "（名前不明）");
		return 1;
	}
	if (rc != CL_CLEAN) {
		err_set(e, ERR_IO, "ウイルス検査に失敗しました: %s", api.strerror(rc));
		return -1;
	}
	r->scanned = 1;
	return 0;
}

int clam_scan(const unsigned char *data, size_t len, const char *db_dir, struct san_report *r,
	      struct err *e)
{
	pthread_mutex_lock(&clam_lock);
	int rc = ready(db_dir, e);
	if (rc == 0)
		rc = scan_bytes(data, len, r, e);
	pthread_mutex_unlock(&clam_lock);
	return rc;
}
