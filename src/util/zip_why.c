/*
 * zip_why.c — libzip errors as the reasons a user can act on (zip_why.h).
 */
#include "util/zip_why.h"

const char *zip_why(zip_error_t *ze)
{
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_NOZIP:
		return "ZIP 形式ではないか、ファイルが途中で切れています";
	case ZIP_ER_EOF:
		return "ファイルが途中で切れています";
	case ZIP_ER_INCONS:
	case ZIP_ER_CRC:
	case ZIP_ER_ZLIB:
	case ZIP_ER_COMPRESSED_DATA:
		return "ファイルが壊れています";
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP:
		return "暗号化されています";
	case ZIP_ER_COMPNOTSUPP:
		return "対応していない圧縮方式です";
	default:
		return zip_error_strerror(ze);
	}
}
