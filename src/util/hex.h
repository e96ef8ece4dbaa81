/*
 * hex.h — bytes as lowercase hexadecimal and back (keys, signatures,
 * tokens, %XX escapes in URLs and forms).
 */
#ifndef MAMORI_HEX_H
#define MAMORI_HEX_H

#include <stddef.h>

/* Writes 2n hex digits and a NUL to out. */
void hex_encode(const unsigned char *p, size_t n, char *out);
/* Exactly 2n hex digits (either case) into n bytes; -1 otherwise. */
int hex_decode(const char *hex, unsigned char *out, size_t n);
/* The value of one hex digit, or -1. */
int hex_digit(char c);

#endif
