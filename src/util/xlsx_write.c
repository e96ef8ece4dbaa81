#include "util/xlsx_write.h"

#include <stdlib.h>

#include <xlsxwriter.h>

#include "util/buf.h"

struct xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	int ncols;
	lxw_row_t row; /* the next row to write */
};

static int lxw_fail(lxw_error rc, const char *what, struct err *e)
{
	return err_set(e, ERR_IO, "Excel ファイルの%sに失敗しました（%s）", what, lxw_strerror(rc));
}

static int write_header(struct xlsx_out *x, const struct xlsx_column *cols, struct err *e)
{
	lxw_format *bold = workbook_add_format(x->wb);
	format_set_bold(bold);
	/* Widths first: constant-memory mode writes <cols> before the first row. */
	for (int c = 0; c < x->ncols; c++) {
		lxw_error rc = worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL);
		if (rc)
			return lxw_fail(rc, "列幅の設定", e);
	}
	for (int c = 0; c < x->ncols; c++) {
		lxw_error rc = worksheet_write_string(x->ws, 0, (lxw_col_t)c, cols[c].header, bold);
		if (rc)
			return lxw_fail(rc, "見出しの書き込み", e);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 1;
	return 0;
}

int xlsx_out_open(const char *path, const char *sheet_name, const struct xlsx_column *cols,
		  int ncols, struct xlsx_out **out, struct err *e)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
	*out = NULL;
	struct xlsx_out *x = xcalloc(1, sizeof *x);
	x->ncols = ncols;
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		free(x);
		return err_set(e, ERR_IO, "%s: Excel ファイルを作成できません", path);
	}
	x->ws = workbook_add_worksheet(x->wb, sheet_name);
	if (!x->ws || write_header(x, cols, e)) {
		if (!x->ws)
			err_set(e, ERR_IO, "%s: ワークシートを作成できません", path);
		workbook_close(x->wb);
		free(x);
		return e->code;
	}
	*out = x;
	return 0;
}

int xlsx_out_row(struct xlsx_out *x, const char *const *cells, struct err *e)
{
	for (int c = 0; c < x->ncols; c++) {
		if (!cells[c] || !*cells[c])
			continue;
		lxw_error rc = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, cells[c], NULL);
		if (rc)
			return err_set(e, ERR_INPUT, "Excel の %u行目 %d列目に書き込めません（%s）",
				       (unsigned)x->row + 1, c + 1, lxw_strerror(rc));
	}
	x->row++;
	return 0;
}

int xlsx_out_close(struct xlsx_out *x, struct err *e)
{
	/* The filter covers the header and every data row (at least one row). */
	lxw_row_t last = x->row > 1 ? x->row - 1 : 1;
	lxw_error frc = worksheet_autofilter(x->ws, 0, 0, last, (lxw_col_t)(x->ncols - 1));
	lxw_error rc = workbook_close(x->wb);
	free(x);
	if (frc)
		return lxw_fail(frc, "フィルターの設定", e);
	if (rc)
		return lxw_fail(rc, "書き込み", e);
	return 0;
}
