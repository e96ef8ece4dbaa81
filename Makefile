# mamori — build, run, test, bench.
#
#   make          the mamori binary (build/mamori)
#   make run      demo municipality (see README)
#   make test     everything: unit, CLI (SQLite and PostgreSQL), ASan/UBSan, fuzz smoke
#   make bench    the figures named in the issues, each beside its baseline
#
# Every target that needs system packages depends on `setup`, which installs
# what is missing with apt-get (see scripts/setup.sh).

CC ?= cc
PKGS = sqlite3 libpq libsodium libcrypto libzip libxml-2.0 libutf8proc libcjson pangocairo liboath libmicrohttpd \
	gmime-3.0 libqpdf libmagic
# libclamav is opened at run time when installed (src/tools/clamscan.c); only
# its header is needed to build.
CLAM_CFLAGS = $(shell pkg-config --cflags libclamav 2>/dev/null)
BUILD ?= build
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
# OPT is the knob for callers (the asan target sets it); CFLAGS adds to it.
OPT ?= -O2 -g
override CFLAGS := $(OPT) -std=c17 -D_GNU_SOURCE $(WARN) -Isrc \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CLAM_CFLAGS) $(CFLAGS)
LDLIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm -ldl

SRC_LIB = $(wildcard src/util/*.c src/store/*.c src/core/*.c src/tools/*.c)
SRC_CLI = $(wildcard src/cli/*.c)
# The web server links into the binary only, so unit tests need no libmicrohttpd.
SRC_WEB = $(wildcard src/web/*.c)
OBJ_LIB = $(SRC_LIB:%.c=$(BUILD)/%.o)
OBJ_CLI = $(SRC_CLI:%.c=$(BUILD)/%.o)
OBJ_WEB = $(SRC_WEB:%.c=$(BUILD)/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
# The guideline as data, in document order (src/core/catalog.h).
CATALOG = catalog/p.json catalog/ch1.json catalog/ch2.json catalog/ch3.json catalog/ch4.json \
	catalog/ch5.json catalog/ch6a.json catalog/ch6b.json catalog/ch7.json catalog/ch8.json \
	catalog/ch9.json

.PHONY: all setup run test test-quick bench fuzz clean asan

all: $(BUILD)/mamori

setup:
	@scripts/setup.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# The catalog files end to end, each followed by a NUL byte (catalog.c).
$(BUILD)/catalog_blob.S: $(CATALOG) Makefile
	@mkdir -p $(dir $@)
	@{ echo '	.section .rodata'; echo '	.globl mamori_catalog_blob, mamori_catalog_blob_end'; \
	  echo 'mamori_catalog_blob:'; \
	  for f in $(CATALOG); do echo "	.incbin \"$$f\""; echo '	.byte 0'; done; \
	  echo 'mamori_catalog_blob_end:'; echo '	.section .note.GNU-stack,"",@progbits'; } >$@

$(BUILD)/catalog_blob.o: $(BUILD)/catalog_blob.S
	@$(CC) -c $< -o $@

# The web UI's script, served by src/web/static.c (only the binary links it).
$(BUILD)/web_assets.S: src/web/assets/app.js Makefile
	@mkdir -p $(dir $@)
	@{ echo '	.section .rodata'; echo '	.globl mamori_app_js, mamori_app_js_end'; \
	  echo 'mamori_app_js:'; echo '	.incbin "src/web/assets/app.js"'; \
	  echo 'mamori_app_js_end:'; echo '	.section .note.GNU-stack,"",@progbits'; } >$@

$(BUILD)/web_assets.o: $(BUILD)/web_assets.S src/web/assets/app.js
	@$(CC) -c $< -o $@

$(BUILD)/libmamori.a: $(OBJ_LIB) $(BUILD)/catalog_blob.o
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/mamori: $(OBJ_CLI) $(OBJ_WEB) $(BUILD)/web_assets.o $(BUILD)/libmamori.a
	@echo "  LD $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) $(OBJ_CLI) $(OBJ_WEB) $(BUILD)/web_assets.o $(BUILD)/libmamori.a \
		$(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmamori.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(CFLAGS) $< $(BUILD)/libmamori.a $(LDLIBS) -o $@

units: $(UNIT_TESTS)

# The same sources under AddressSanitizer and UndefinedBehaviorSanitizer, built
# with clang so that every `make test` compiles the tree with both gcc and clang.
asan:
	$(MAKE) CC=clang BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" all units

run: setup all
	scripts/run-demo.sh

test: setup
	$(MAKE) all units
	$(MAKE) asan
	tests/run.sh

bench: setup all
	bench/run.sh

fuzz: setup
	tests/fuzz/run.sh 60

clean:
	rm -rf build

-include $(OBJ_LIB:.o=.d) $(OBJ_CLI:.o=.d) $(OBJ_WEB:.o=.d)
