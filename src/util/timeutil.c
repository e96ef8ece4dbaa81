#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

/* Eras from newest to oldest, with the first day of each. */
static const struct era {
	const char *name;
	char letter;
	int y, m, d;
} eras[] = {
	{"令和", 'R', 2019, 5, 1},
	{"平成", 'H', 1989, 1, 8},
	{"昭和", 'S', 1926, 12, 25},
	{"大正", 'T', 1912, 7, 30},
	{"明治", 'M', 1868, 1, 25},
};
#define NERAS (sizeof eras / sizeof eras[0])

/* "YYYY-MM-DDTHH:MM:SS…" (UTC) into *t; -1 when it is not that shape. */
static int parse_instant(const char *s, time_t *t)
{
	struct tm tm = {0};
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

time_t time_now_epoch(void)
{
	const char *pinned = getenv("MAMORI_NOW");
	time_t t;
	if (pinned && *pinned && parse_instant(pinned, &t) == 0)
		return t;
	return time(NULL);
}

int time_jst_text(const char *rfc3339, char out[17])
{
	time_t t;
	struct tm tm;
	if (!rfc3339 || parse_instant(rfc3339, &t))
		return -1;
	t += 9 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
	return 0;
}

void time_now_rfc3339(char out[32])
{
	time_t t = time_now_epoch();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_today(char out[11])
{
	time_t t = time_now_epoch() + 9 * 3600; /* municipalities live in JST */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

static int ymd_ok(int y, int m, int d)
{
	return y >= 1868 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int date_valid(const char *ymd)
{
	int y, m, d;
	char tail;
	if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
		return 0;
	if (sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	return ymd_ok(y, m, d);
}

/* Reads digits (ASCII or full-width) into *v; returns bytes consumed or 0. */
static size_t read_number(const char *p, int *v)
{
	size_t used = 0;
	int n = 0, digits = 0;
	for (;;) {
		if (p[used] >= '0' && p[used] <= '9') {
			n = n * 10 + (p[used] - '0');
			used++;
		} else if ((unsigned char)p[used] == 0xEF && (unsigned char)p[used + 1] == 0xBC &&
			   (unsigned char)p[used + 2] >= 0x90 && (unsigned char)p[used + 2] <= 0x99) {
			n = n * 10 + ((unsigned char)p[used + 2] - 0x90); /* ０-９ */
			used += 3;
		} else {
			break;
		}
		if (++digits > 4)
			return 0;
	}
	*v = n;
	return digits ? used : 0;
}

/* Skips one separator: - / . or 年 月 (and 日 at the end). */
static size_t read_separator(const char *p)
{
	if (*p == '-' || *p == '/' || *p == '.')
		return 1;
	if (strncmp(p, "年", 3) == 0 || strncmp(p, "月", 3) == 0 || strncmp(p, "／", 3) == 0 ||
	    strncmp(p, "－", 3) == 0 || strncmp(p, "．", 3) == 0)
		return 3;
	return 0;
}

/* Reads an era prefix (令和, R, r …) and returns its index, or -1. */
static int read_era(const char **p)
{
	for (size_t i = 0; i < NERAS; i++) {
		size_t n = strlen(eras[i].name);
		if (strncmp(*p, eras[i].name, n) == 0) {
			*p += n;
			return (int)i;
		}
		if (**p == eras[i].letter || **p == eras[i].letter + 32) {
			(*p)++;
			return (int)i;
		}
	}
	return -1;
}

int date_parse(const char *in, char out[11], struct err *e)
{
	const char *p = in;
	int y = 0, m = 0, d = 0;
	size_t n;
	while (*p == ' ')
		p++;
	int era = read_era(&p);
	if (era >= 0 && strncmp(p, "元", 3) == 0) {
		y = 1;
		p += 3;
	} else if (!(n = read_number(p, &y))) {
		goto bad;
	} else {
		p += n;
	}
	if (!(n = read_separator(p)))
		goto bad;
	p += n;
	if (!(n = read_number(p, &m)))
		goto bad;
	p += n;
	if (!(n = read_separator(p)))
		goto bad;
	p += n;
	if (!(n = read_number(p, &d)))
		goto bad;
	p += n;
	if (strncmp(p, "日", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	/* An Excel-style "2026-04-01 00:00:00" is still a date. */
	if (*p && strcmp(p, "00:00:00") != 0)
		goto bad;
	if (era >= 0)
		y += eras[era].y - 1;
	if (!ymd_ok(y, m, d))
		goto bad;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
bad:
	return err_set(e, ERR_INPUT, "日付「%s」を読み取れません（例: 2026-04-01、令和8年4月1日）", in);
}

void date_add_days(const char *ymd, int days, char out[11])
{
	struct tm tm = {0};
	sscanf(ymd, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int fiscal_year(const char *ymd)
{
	int y = 0, m = 0, d = 0;
	sscanf(ymd, "%d-%d-%d", &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

static int era_of(int y, int m, int d)
{
	long key = (long)y * 10000 + m * 100 + d;
	for (size_t i = 0; i < NERAS; i++)
		if (key >= (long)eras[i].y * 10000 + eras[i].m * 100 + eras[i].d)
			return (int)i;
	return -1;
}

static void era_year(char *out, size_t n, const char *era, int year)
{
	if (year == 1)
		snprintf(out, n, "%s元", era);
	else
		snprintf(out, n, "%s%d", era, year);
}

void wareki_date(const char *ymd, char *out, size_t n)
{
	int y = 0, m = 0, d = 0;
	char ey[32];
	out[0] = '\0';
	if (sscanf(ymd, "%d-%d-%d", &y, &m, &d) != 3)
		return;
	int i = era_of(y, m, d);
	if (i < 0)
		return;
	era_year(ey, sizeof ey, eras[i].name, y - eras[i].y + 1);
	snprintf(out, n, "%s年%d月%d日", ey, m, d);
}

void wareki_fiscal_year(int fy, char *out, size_t n)
{
	char ey[32];
	/* Named by the era in force at the end of the 年度 (so April 2019 –
	 * March 2020 is 令和元年度, as municipalities write it). */
	int i = era_of(fy + 1, 3, 31);
	if (i < 0) {
		snprintf(out, n, "%d年度", fy);
		return;
	}
	int year = fy - eras[i].y + 1;
	if (year < 1)
		year = 1;
	era_year(ey, sizeof ey, eras[i].name, year);
	snprintf(out, n, "%s年度", ey);
}

int fiscal_year_parse(const char *text, int *fy)
{
	char *t = fold_key(text);
	size_t era = strncmp(t, "令和", strlen("令和")) == 0 ? strlen("令和") : t[0] == 'r' ? 1 : 0;
	int v = 0, n = 0;
	/* 令和元年度 is how wareki_fiscal_year writes 2019 */
	if (era && strncmp(t + era, "元", strlen("元")) == 0) {
		v = 1;
		n = (int)strlen("元");
	} else if (sscanf(t + era, "%d%n", &v, &n) != 1) {
		n = 0;
	}
	int ok = n > 0 && (strcmp(t + era + n, "") == 0 || strcmp(t + era + n, "年度") == 0);
	free(t);
	if (ok && era && v >= 1 && v <= 99)
		*fy = 2018 + v; /* 令和元年度 = 2019 */
	else if (ok && !era && v >= 2000 && v <= 2999)
		*fy = v;
	else
		return -1;
	return 0;
}
