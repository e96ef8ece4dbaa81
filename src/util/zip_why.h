/*
 * zip_why.h — why a ZIP container (.xlsx, .docx) could not be read, in
 * Japanese a municipal user can act on; libzip's own messages are English.
 */
#ifndef MAMORI_ZIP_WHY_H
#define MAMORI_ZIP_WHY_H

#include <zip.h>

const char *zip_why(zip_error_t *ze);

#endif
